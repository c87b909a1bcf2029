using Cutter.Infrastructure;

namespace Cutter.Governance.Backup;

/// <summary>
/// A temporary folder only this user can enter (0700), deleted with everything in it on dispose: where plain dumps
/// live briefly. It names its owner process (<see cref="OwnerFileName"/>), so one left behind by a killed process is
/// recognized as Cutter's and swept at the next start (<see cref="SweepAbandoned"/>).
/// </summary>
internal sealed class PrivateTempDirectory : IDisposable
{
    public const string Prefix = "cutter-backup-";
    public const string OwnerFileName = "cutter-owner.json";

    private PrivateTempDirectory(string path) => Path = path;

    public string Path { get; }

    public static PrivateTempDirectory Create()
    {
        var info = Directory.CreateTempSubdirectory(Prefix);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(info.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        File.WriteAllText(System.IO.Path.Combine(info.FullName, OwnerFileName), ProcessOwner.Current.ToJson());
        return new PrivateTempDirectory(info.FullName);
    }

    /// <summary>
    /// Deletes the temp folders of dead Cutter processes on this host under <paramref name="tempRoot"/> (default: the
    /// system temp folder) and returns them. A folder without a readable owner file is not provably Cutter's and stays.
    /// </summary>
    public static IReadOnlyList<string> SweepAbandoned(string? tempRoot = null)
    {
        var root = tempRoot ?? System.IO.Path.GetTempPath();
        if (!Directory.Exists(root)) return [];
        var swept = new List<string>();
        foreach (var folder in Directory.EnumerateDirectories(root, Prefix + "*"))
        {
            var ownerFile = System.IO.Path.Combine(folder, OwnerFileName);
            string? text;
            try { text = File.Exists(ownerFile) ? File.ReadAllText(ownerFile) : null; }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { continue; }
            if (ProcessOwner.Parse(text) is not { } owner || !owner.IsGoneFromThisHost()) continue;
            try
            {
                Directory.Delete(folder, recursive: true);
                swept.Add(folder);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Left for the next start; the folder is private to its user.
            }
        }
        return swept;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* best effort; the folder is private to this user */ }
    }
}
