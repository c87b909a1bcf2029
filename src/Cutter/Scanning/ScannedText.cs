using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Cutter.Scanning;

/// <summary>A configuration file handed to the analyzer as the build hands it AdditionalFiles.</summary>
internal sealed class ScannedText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
