using System.Reflection;

namespace Cutter.Verification;

/// <summary>
/// Which build produced a report: the library's informational version, whose <c>+suffix</c> the SDK stamps with the
/// git commit (SourceRevisionId), split into version and commit.
/// </summary>
public sealed record ToolIdentity(string Name, string Version, string Commit)
{
    public static ToolIdentity Current { get; } = Read(typeof(ToolIdentity).Assembly);

    public static ToolIdentity Read(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "unknown";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0
            ? new ToolIdentity(assembly.GetName().Name ?? "Cutter", informational, "unknown")
            : new ToolIdentity(assembly.GetName().Name ?? "Cutter", informational[..plus], informational[(plus + 1)..]);
    }
}
