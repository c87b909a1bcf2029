using Cutter.Configuration;
using Cutter.Domain;

namespace Cutter.Knowledge;

/// <summary>Builds a <see cref="KbDocument"/> from stored bytes: strict UTF-8, fenced YAML front matter, Markdown body.</summary>
internal static class KbDocumentReader
{
    /// <param name="source">How errors name the input, for example the file name.</param>
    public static KbDocument Read(KbDocId id, byte[] raw, string? signature, string source)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var (frontMatter, split) = KbFrontMatter.Read(raw, source);
        return new KbDocument(id, frontMatter, split.Body, raw, signature);
    }

    /// <summary>
    /// Reads a document from a file outside any KB folder (an operator's draft): the id comes from the front matter's
    /// <c>id</c> field; anything but a regular file, and files over <paramref name="maxBytes"/>, are refused before
    /// they are read.
    /// </summary>
    public static KbDocument ReadFile(string path, long maxBytes)
    {
        if (Directory.Exists(path))
        {
            throw new InvalidInputException(path, "is a directory, not a regular file: give the document's file (or --kb-root DIR with a KB id)");
        }
        if (!File.Exists(path))
        {
            throw new InvalidInputException(path, "no such file");
        }
        var raw = DocumentFile.ReadAllBytes(path, maxBytes, path, DocumentCaps.MaxDocumentBytesKey);
        var (frontMatter, split) = KbFrontMatter.Read(raw, path);
        if (!frontMatter.TryGetValue("id", out var id))
        {
            throw new KbFrontMatterException(path, split.YamlFirstLine, "has no id (for example KB-2186)");
        }
        return new KbDocument(KbDocId.Parse(id), frontMatter, split.Body, raw, null);
    }
}
