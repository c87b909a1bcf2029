using System.Reflection;
using Cutter.Domain;
using Cutter.Knowledge;

namespace Cutter.Rehearsal.Seeding;

/// <summary>
/// The sample governance documents embedded in this assembly (src/Cutter.Rehearsal.Samples.kb.: the rehearsal's target charter
/// and the non-target documents beside it. Copies them into a folder so a <see cref="FolderKnowledgeBase"/> can serve them.
/// </summary>
internal static class SampleKnowledgeBase
{
    private const string ResourcePrefix = "Cutter.Rehearsal.Samples.kb.";

    /// <summary>Where the amended versions of samples live (the rehearsal's second act), outside the KB the seed writes.</summary>
    private const string AmendmentPrefix = "Cutter.Rehearsal.Samples.amendments.";

    /// <summary>File names of the embedded documents (<c>KB-NNNN.md</c>), in name order.</summary>
    public static IReadOnlyList<string> FileNames { get; } = typeof(SampleKnowledgeBase).Assembly
        .GetManifestResourceNames()
        .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".md", StringComparison.Ordinal))
        .Select(name => name[ResourcePrefix.Length..])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The exact bytes of one embedded document.</summary>
    public static byte[] Read(string fileName) => ReadResource(ResourcePrefix, fileName, "sample document");

    /// <summary>
    /// The exact bytes of the amended version of one embedded document (the rehearsal's second act: docs/amendments.md
    /// lists what it changes), the same KB id with its text edited as an operator would.
    /// </summary>
    public static byte[] ReadAmended(string fileName) => ReadResource(AmendmentPrefix, fileName, "amended sample document");

    /// <summary>Replaces <paramref name="fileName"/> in <paramref name="folder"/> with its amended version, as an operator edits a source.</summary>
    public static string WriteAmendedTo(string folder, string fileName)
    {
        var path = Path.Combine(folder, fileName);
        File.WriteAllBytes(path, ReadAmended(fileName));
        return path;
    }

    private static byte[] ReadResource(string prefix, string fileName, string what)
    {
        using var stream = typeof(SampleKnowledgeBase).Assembly.GetManifestResourceStream(prefix + fileName)
            ?? throw new InvalidInputException(what, $"'{fileName}' is not embedded; the samples are {string.Join(", ", FileNames)}");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>
    /// Writes every sample into <paramref name="folder"/> (created when missing) and returns their ids. A file already
    /// there with other bytes is refused rather than overwritten: it may be someone's edited document.
    /// </summary>
    public static IReadOnlyList<KbDocId> WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        var ids = new List<KbDocId>();
        foreach (var fileName in FileNames)
        {
            var bytes = Read(fileName);
            var path = Path.Combine(folder, fileName);
            if (File.Exists(path))
            {
                if (!File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
                {
                    throw new InvalidInputException(path, "exists with other content; refusing to overwrite it with the sample");
                }
            }
            else
            {
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                stream.Write(bytes);
            }
            ids.Add(KbDocId.Parse(fileName[..^3]));
        }
        return ids;
    }
}
