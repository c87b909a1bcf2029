using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Cutter.Analyzers.Tests.Support;

/// <summary>
/// References for test compilations taken from the running .NET runtime, so tests need no reference-pack download.
/// </summary>
internal static class PlatformReferences
{
    public static ImmutableArray<MetadataReference> All { get; } = Load();

    /// <summary>An empty reference set for the testing library; the real references come from <see cref="All"/>.</summary>
    public static ReferenceAssemblies None { get; } = new("net10.0");

    private static ImmutableArray<MetadataReference> Load()
    {
        var trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return trusted.Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System", StringComparison.Ordinal)
                || Path.GetFileName(path).StartsWith("Microsoft.Extensions", StringComparison.Ordinal)
                || Path.GetFileName(path) == "netstandard.dll" || Path.GetFileName(path) == "mscorlib.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
