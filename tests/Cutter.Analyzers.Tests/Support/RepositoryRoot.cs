namespace Cutter.Analyzers.Tests.Support;

/// <summary>The checkout the tests run from (the folder holding Cutter.sln), for tests that read docs.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Cutter.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cutter.sln not found above " + AppContext.BaseDirectory);
    }
}
