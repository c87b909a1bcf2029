namespace Cutter.Governance.Backup;

/// <summary>A temporary folder only this user can enter (0700), deleted with everything in it on dispose: where plain dumps live briefly.</summary>
internal sealed class PrivateTempDirectory : IDisposable
{
    private PrivateTempDirectory(string path) => Path = path;

    public string Path { get; }

    public static PrivateTempDirectory Create()
    {
        var info = Directory.CreateTempSubdirectory("cutter-backup-");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(info.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return new PrivateTempDirectory(info.FullName);
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* best effort; the folder is private to this user */ }
    }
}
