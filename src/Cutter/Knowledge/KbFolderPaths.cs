using Cutter.Domain;

namespace Cutter.Knowledge;

/// <summary>
/// Every path the folder knowledge base touches goes through here: names are validated, the combined path must stay
/// under the root, and a symbolic link is followed only when its final target is still under the root.
/// </summary>
internal sealed class KbFolderPaths
{
    public KbFolderPaths(string root)
    {
        if (string.IsNullOrWhiteSpace(root))
        {
            throw new InvalidInputException("KB root", "is empty: give the folder that holds the KB-NNNN.md files");
        }
        var full = Path.GetFullPath(root);
        if (!Directory.Exists(full))
        {
            throw new InvalidInputException("KB root", $"'{full}' is not an existing folder");
        }
        // Compare against the real location so a root reached through a link still contains its own files.
        var target = new DirectoryInfo(full).ResolveLinkTarget(returnFinalTarget: true);
        Root = Path.TrimEndingDirectorySeparator(target?.FullName ?? full);
    }

    public string Root { get; }

    public string Document(KbDocId id) => Inside(id.Value + ".md");

    public string Signature(KbDocId id) => Inside(id.Value + ".md.sig");

    /// <summary>A plain file name (no folders) resolved under the root; anything that would leave it is refused.</summary>
    public string Inside(string fileName)
    {
        if (string.IsNullOrEmpty(fileName) || fileName is "." or ".." || Path.IsPathRooted(fileName)
            || fileName.IndexOfAny(['/', '\\', '\0']) >= 0)
        {
            throw new InvalidInputException("KB file name", $"'{fileName}' must be a plain file name inside the KB folder (no '/', '..' or absolute path)");
        }
        var full = Path.GetFullPath(Path.Combine(Root, fileName));
        if (!IsUnderRoot(full))
        {
            throw new InvalidInputException("KB file name", $"'{fileName}' resolves outside the KB folder {Root}");
        }
        return full;
    }

    /// <summary>Refuses <paramref name="path"/> when it is a symbolic link whose final target lies outside the root.</summary>
    public void RefuseEscapingLink(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is null)
        {
            return;
        }
        var target = info.ResolveLinkTarget(returnFinalTarget: true);
        if (target is null || !IsUnderRoot(Path.GetFullPath(target.FullName)))
        {
            throw new InvalidInputException("KB file name", $"'{Path.GetFileName(path)}' is a symbolic link to '{info.LinkTarget}', outside the KB folder {Root}");
        }
    }

    private bool IsUnderRoot(string fullPath) =>
        fullPath.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
