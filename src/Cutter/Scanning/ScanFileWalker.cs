using Cutter.Domain;

namespace Cutter.Scanning;

/// <summary>
/// Finds the files <c>cutter scan</c> reads under its roots: C# and configuration (<c>*.json</c>, <c>*.yaml</c>,
/// <c>*.yml</c>, <c>*.env</c>, <c>*.config</c>, <c>*.xml</c>, <c>*.ini</c>). Symbolic links are followed while their
/// target stays inside the scanned root; a link back into a folder being walked is a loop and reported as an
/// error, as are dangling links, unreadable folders and paths that are not regular files. Build output and VCS
/// folders are passed over; every other file that is not scanned counts as skipped.
/// </summary>
internal sealed class ScanFileWalker
{
    private static readonly string[] ConfigurationExtensions = [".json", ".yaml", ".yml", ".env", ".config", ".xml", ".ini"];

    private static readonly string[] PassedOverFolders = ["bin", "obj", ".git", "node_modules", "TestResults", "BenchmarkDotNet.Artifacts"];

    private readonly List<ScannedFile> _files = [];
    private readonly List<ScanError> _errors = [];
    private readonly HashSet<string> _seenFiles = new(StringComparer.Ordinal);
    private int _skipped;

    public IReadOnlyList<ScannedFile> Files => _files;

    public IReadOnlyList<ScanError> Errors => _errors;

    public int Skipped => _skipped;

    /// <summary>Whether a file name is one the scan reads, and as what.</summary>
    public static ScannedFile? Classify(string path)
    {
        if (path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
        {
            return new ScannedFile(path, IsCSharp: true);
        }
        var name = Path.GetFileName(path);
        // ".env", ".env.local", "prod.env": dotenv files are named by convention rather than by one extension.
        var isDotEnv = name.Equals(".env", StringComparison.OrdinalIgnoreCase) || name.StartsWith(".env.", StringComparison.OrdinalIgnoreCase);
        return isDotEnv || ConfigurationExtensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase))
            ? new ScannedFile(path, IsCSharp: false)
            : null;
    }

    /// <summary>Adds a root given on the command line: a file is scanned whatever its name; a folder is walked.</summary>
    /// <exception cref="InvalidInputException">The path does not exist at all.</exception>
    public void AddRoot(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            var target = Resolve(info);
            if (target is null)
            {
                return;
            }
            if (target is DirectoryInfo linkedFolder)
            {
                Walk(path, RealPath(linkedFolder), []);
            }
            else
            {
                AddFile(path, RealPath(target), explicitRoot: true);
            }
            return;
        }
        if (File.Exists(path))
        {
            AddFile(path, RealPath(info), explicitRoot: true);
        }
        else if (Directory.Exists(path))
        {
            Walk(path, RealPath(new DirectoryInfo(path)), []);
        }
        else
        {
            throw new InvalidInputException(path, "no such file or directory to scan");
        }
    }

    private void Walk(string folder, string realRoot, List<string> realAncestors)
    {
        var realFolder = RealPath(new DirectoryInfo(folder));
        realAncestors.Add(realFolder);
        FileSystemInfo[] entries;
        try
        {
            entries = new DirectoryInfo(folder).GetFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToArray();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            _errors.Add(new ScanError(folder, "cannot read folder: " + e.Message));
            realAncestors.RemoveAt(realAncestors.Count - 1);
            return;
        }
        foreach (var entry in entries)
        {
            var path = Path.Combine(folder, entry.Name);
            if (entry.LinkTarget is not null)
            {
                FollowLink(path, entry, realRoot, realAncestors);
            }
            else if (entry is DirectoryInfo)
            {
                if (!PassedOverFolders.Contains(entry.Name, StringComparer.Ordinal))
                {
                    Walk(path, realRoot, realAncestors);
                }
            }
            else
            {
                AddFile(path, RealPath(entry), explicitRoot: false);
            }
        }
        realAncestors.RemoveAt(realAncestors.Count - 1);
    }

    private void FollowLink(string path, FileSystemInfo link, string realRoot, List<string> realAncestors)
    {
        var target = Resolve(link, path);
        if (target is null)
        {
            return;
        }
        var realTarget = RealPath(target);
        if (!IsInside(realTarget, realRoot))
        {
            // Outside the root is outside what was asked for: counted, not read.
            _skipped++;
            return;
        }
        if (target is DirectoryInfo)
        {
            if (realAncestors.Contains(realTarget, StringComparer.Ordinal))
            {
                _errors.Add(new ScanError(path, "symbolic link loop: points back to " + realTarget));
                return;
            }
            Walk(path, realRoot, realAncestors);
            return;
        }
        AddFile(path, realTarget, explicitRoot: false);
    }

    /// <summary>The final target of a link, or null (with an error recorded) when it dangles or loops.</summary>
    private FileSystemInfo? Resolve(FileSystemInfo link, string? shownPath = null)
    {
        var path = shownPath ?? link.FullName;
        try
        {
            var target = link.ResolveLinkTarget(returnFinalTarget: true);
            if (target is null || !target.Exists)
            {
                _errors.Add(new ScanError(path, "dangling symbolic link to " + (target?.FullName ?? link.LinkTarget)));
                return null;
            }
            return Directory.Exists(target.FullName) ? new DirectoryInfo(target.FullName) : target;
        }
        catch (IOException e)
        {
            // ELOOP: the chain of links never reaches a file.
            _errors.Add(new ScanError(path, "cannot resolve symbolic link: " + e.Message));
            return null;
        }
    }

    private void AddFile(string path, string realPath, bool explicitRoot)
    {
        var classified = Classify(path) ?? (explicitRoot ? new ScannedFile(path, IsCSharp: false) : null);
        if (classified is null)
        {
            _skipped++;
            return;
        }
        if (!_seenFiles.Add(realPath))
        {
            // The same file reached twice (two links, or a link and its target) is read once.
            return;
        }
        if (!UnixFileType.IsRegularFile(realPath))
        {
            // A FIFO, socket or device would block or stream forever instead of being read.
            _errors.Add(new ScanError(path, "not a regular file"));
            return;
        }
        _files.Add(classified);
    }

    private static string RealPath(FileSystemInfo info)
    {
        var full = Path.GetFullPath(info.FullName);
        var resolved = info.LinkTarget is null ? null : info.ResolveLinkTarget(returnFinalTarget: true);
        var real = resolved?.FullName ?? full;
        // Resolve links in the parent folders too, so two spellings of one folder compare equal.
        var parent = Path.GetDirectoryName(real);
        if (parent is null)
        {
            return real;
        }
        var realParent = new DirectoryInfo(parent);
        return realParent.LinkTarget is null && parent == Path.GetDirectoryName(full)
            ? real
            : Path.Combine(RealPath(realParent), Path.GetFileName(real));
    }

    private static bool IsInside(string path, string root) =>
        path.Equals(root, StringComparison.Ordinal) || path.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal);
}
