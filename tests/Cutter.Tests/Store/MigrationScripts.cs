using Cutter.Store;

namespace Cutter.Tests.Store;

/// <summary>The embedded migration scripts, for tests that build a store as an older release left it.</summary>
internal static class MigrationScripts
{
    /// <summary>The text of the one script whose name contains <paramref name="prefix"/> (such as <c>0006_</c>).</summary>
    public static string Text(string prefix)
    {
        var name = StoreMigrator.ScriptNames.Single(n => n.Contains(prefix, StringComparison.Ordinal));
        using var stream = typeof(StoreMigrator).Assembly.GetManifestResourceStream(name)!;
        return new StreamReader(stream).ReadToEnd();
    }
}
