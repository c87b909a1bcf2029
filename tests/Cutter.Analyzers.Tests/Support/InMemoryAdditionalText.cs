using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Cutter.Analyzers.Tests.Support;

/// <summary>An AdditionalFiles entry held in memory, as the compiler would hand appsettings.json to the analyzer.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
