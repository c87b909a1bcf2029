using Cutter.Domain;

namespace Cutter.Knowledge;

/// <summary>Builds a <see cref="KbDocument"/> from stored bytes: strict UTF-8, fenced YAML front matter, Markdown body.</summary>
public static class KbDocumentReader
{
    /// <param name="source">How errors name the input, for example the file name.</param>
    public static KbDocument Read(KbDocId id, byte[] raw, string? signature, string source)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = Utf8Text.DecodeStrict(raw, source);
        var split = KbFrontMatter.Split(text, source);
        var frontMatter = KbFrontMatter.Parse(split.Yaml, source, split.YamlFirstLine);
        return new KbDocument(id, frontMatter, split.Body, raw, signature);
    }

    /// <summary>
    /// Reads a document from a file outside any KB folder (an operator's draft): the id comes from the front matter's
    /// <c>id</c> field, and files over <paramref name="maxBytes"/> are refused before they are read.
    /// </summary>
    public static KbDocument ReadFile(string path, long maxBytes)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new InvalidInputException(path, "no such file");
        }
        if (info.Length > maxBytes)
        {
            throw new InvalidInputException(path, $"is {info.Length} bytes; the limit is {maxBytes}");
        }
        var raw = File.ReadAllBytes(path);
        var text = Utf8Text.DecodeStrict(raw, path);
        var split = KbFrontMatter.Split(text, path);
        var frontMatter = KbFrontMatter.Parse(split.Yaml, path, split.YamlFirstLine);
        if (!frontMatter.TryGetValue("id", out var id))
        {
            throw new KbFrontMatterException(path, split.YamlFirstLine, "has no id (for example KB-2186)");
        }
        return new KbDocument(KbDocId.Parse(id), frontMatter, split.Body, raw, null);
    }
}
