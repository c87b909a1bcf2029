using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Cutter.Scanning;

/// <summary>
/// The metadata references a scan compiles against: the running .NET's own assemblies. Enough to bind
/// <c>[SuppressMessage]</c> and calls into the BCL and the scanned sources; calls into other packages stay unbound,
/// which only ever means a positional argument is not matched to its parameter's name.
/// </summary>
internal static class ScanReferences
{
    public static ImmutableArray<MetadataReference> Platform { get; } = Load();

    private static ImmutableArray<MetadataReference> Load()
    {
        var trusted = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "";
        return trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            // A host's deps.json may list assemblies it never copied (a test host running the CLI in-process): skip those.
            .Where(path => IsPlatformAssembly(Path.GetFileName(path)) && File.Exists(path))
            .Order(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }

    private static bool IsPlatformAssembly(string name) =>
        name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions", StringComparison.Ordinal)
        || name == "netstandard.dll" || name == "mscorlib.dll";
}
