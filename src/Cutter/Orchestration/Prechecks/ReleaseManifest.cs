using System.Globalization;
using System.Text;
using Cutter.Domain;

namespace Cutter.Orchestration.Prechecks;

/// <summary>
/// The file hashes of a release folder, in <c>sha256sum</c>'s format: one <c>&lt;sha256&gt;  &lt;relative/path&gt;</c>
/// line per file, paths '/'-separated and sorted ordinally, so <c>sha256sum -c</c> run inside the folder checks it
/// too. Every regular file counts, hidden ones included; the manifest file itself is skipped when it lies inside
/// the folder.
/// </summary>
internal sealed class ReleaseManifest
{
    private ReleaseManifest(IReadOnlyDictionary<string, Sha256Hex> entries) => Entries = entries;

    /// <summary>Relative path to content hash.</summary>
    public IReadOnlyDictionary<string, Sha256Hex> Entries { get; }

    /// <summary>Hashes every file under <paramref name="directory"/>.</summary>
    public static ReleaseManifest Create(string directory, string? excludeFile = null)
    {
        var root = RequireDirectory(directory);
        var entries = new SortedDictionary<string, Sha256Hex>(StringComparer.Ordinal);
        foreach (var relative in FilesUnder(root, excludeFile))
        {
            using var stream = File.OpenRead(Path.Combine(root, relative));
            entries[relative] = Sha256Hex.OfStream(stream);
        }
        return new ReleaseManifest(entries);
    }

    /// <summary>Parses manifest text; <paramref name="source"/> names the input in errors.</summary>
    public static ReleaseManifest Parse(string text, string source)
    {
        var entries = new SortedDictionary<string, Sha256Hex>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd('\r');
            if (line.Length == 0) continue;
            var where = string.Create(CultureInfo.InvariantCulture, $"{source} line {index + 1}");
            // sha256sum writes "<hash>  <path>" (text mode) or "<hash> *<path>" (binary mode).
            if (line.Length < 67 || line[64] != ' ' || (line[65] != ' ' && line[65] != '*'))
            {
                throw new InvalidInputException(where, "is not '<sha256>  <relative path>'");
            }
            var sha = Sha256Hex.Parse(line[..64].ToLowerInvariant(), where);
            var path = line[66..];
            if (Path.IsPathRooted(path) || path.Split('/').Any(part => part is "" or "." or ".."))
            {
                throw new InvalidInputException(where, $"path '{path}' must be relative to the release folder, without '.' or '..' parts");
            }
            if (!entries.TryAdd(path, sha))
            {
                throw new InvalidInputException(where, $"path '{path}' is listed twice");
            }
        }
        return new ReleaseManifest(entries);
    }

    public static ReleaseManifest Read(string manifestFile)
    {
        if (!File.Exists(manifestFile)) throw new InvalidInputException(manifestFile, "manifest file does not exist");
        return Parse(File.ReadAllText(manifestFile), manifestFile);
    }

    /// <summary>The manifest text: one line per file, sorted, each ending in '\n'.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        foreach (var (path, sha) in Entries) text.Append(sha.Value).Append("  ").Append(path).Append('\n');
        return text.ToString();
    }

    /// <summary>Writes the manifest of <paramref name="directory"/> to <paramref name="manifestFile"/> and returns it.</summary>
    public static ReleaseManifest Write(string directory, string manifestFile)
    {
        var manifest = Create(directory, excludeFile: manifestFile);
        // Not File.WriteAllText: it preallocates the whole file, and on a full disk that fails with an IOException that
        // carries no errno, which the CLI could then not name as "disk full". Written as a stream, ENOSPC comes with it.
        using (var writer = new StreamWriter(new FileStream(manifestFile, FileMode.Create, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)))
        {
            writer.Write(manifest.Render());
        }
        return manifest;
    }

    /// <summary>Every file of <paramref name="directory"/> that is missing, changed or added against this manifest, sorted by path.</summary>
    public IReadOnlyList<ReleaseDifference> Compare(string directory, string? excludeFile = null)
    {
        var actual = Create(directory, excludeFile).Entries;
        var differences = new List<ReleaseDifference>();
        foreach (var (path, sha) in Entries)
        {
            if (!actual.TryGetValue(path, out var found)) differences.Add(new ReleaseDifference(path, ReleaseDifferenceKind.Missing));
            else if (found != sha) differences.Add(new ReleaseDifference(path, ReleaseDifferenceKind.Changed));
        }
        differences.AddRange(actual.Keys.Where(path => !Entries.ContainsKey(path)).Select(path => new ReleaseDifference(path, ReleaseDifferenceKind.Added)));
        return differences.OrderBy(d => d.RelativePath, StringComparer.Ordinal).ToArray();
    }

    private static string RequireDirectory(string directory)
    {
        if (string.IsNullOrWhiteSpace(directory) || !Directory.Exists(directory))
        {
            throw new InvalidInputException(directory, "release folder does not exist");
        }
        return Path.GetFullPath(directory);
    }

    private static IEnumerable<string> FilesUnder(string root, string? excludeFile)
    {
        var excluded = excludeFile is null ? null : Path.GetFullPath(excludeFile);
        // Hidden files count: a dropped-in ".profile" changes the release as much as a changed binary does.
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
        return Directory.EnumerateFiles(root, "*", options)
            .Where(file => !string.Equals(file, excluded, StringComparison.Ordinal))
            .Select(file => Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);
    }
}
