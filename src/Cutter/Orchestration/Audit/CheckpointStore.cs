using System.Globalization;
using System.Text;
using Cutter.Domain;
using Cutter.Knowledge;

namespace Cutter.Orchestration.Audit;

/// <summary>
/// Where signed checkpoints are kept, append-only: numbered files under <c>&lt;sidecar_root&gt;/checkpoints/</c>
/// (<c>checkpoint-000001.md</c> and its <c>.sig</c>, created with CreateNew, never overwritten), and new documents in
/// the KB (kind <c>log_checkpoint</c>, the signature stored beside them). An auditor keeps copies of either elsewhere.
/// </summary>
internal sealed class CheckpointStore(string sidecarRoot, IKnowledgeBase kb)
{
    public const string FolderName = "checkpoints";
    private const string FilePrefix = "checkpoint-";
    private const string FileSuffix = ".md";
    public const string SignatureSuffix = ".sig";

    public string Folder => Path.Combine(sidecarRoot, FolderName);

    /// <summary>Appends a signed checkpoint to both places; returns the sidecar file and the KB id.</summary>
    public async Task<(string File, KbDocId KbId)> AppendAsync(byte[] raw, string armoredSignature, string idempotencyKey, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var signature = armoredSignature.EndsWith('\n') ? armoredSignature : armoredSignature + "\n";
        var number = Directory.EnumerateFiles(Folder, FilePrefix + "*" + FileSuffix).Count() + 1;
        string path;
        while (true)
        {
            path = Path.Combine(Folder, FilePrefix + number.ToString("D6", CultureInfo.InvariantCulture) + FileSuffix);
            try
            {
                // The signature first, under its final name beside a document that does not exist yet: a reader
                // never sees a checkpoint without its signature, and an existing number is never reused.
                await using (var sig = new FileStream(path + SignatureSuffix, FileMode.CreateNew, FileAccess.Write))
                {
                    await sig.WriteAsync(Encoding.UTF8.GetBytes(signature), cancellationToken);
                }
                break;
            }
            catch (IOException) when (File.Exists(path + SignatureSuffix))
            {
                number++;
            }
        }
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            await file.WriteAsync(raw, cancellationToken);
            await file.FlushAsync(cancellationToken);
        }
        var id = await kb.CreateAsync(raw, idempotencyKey, cancellationToken);
        await kb.PutSignatureAsync(id, signature, cancellationToken);
        return (path, id);
    }

    /// <summary>Every checkpoint in the sidecar folder, in number order.</summary>
    public IReadOnlyList<SignedCheckpoint> ReadSidecar()
    {
        if (!Directory.Exists(Folder)) return [];
        return Directory.EnumerateFiles(Folder, FilePrefix + "*" + FileSuffix).Order(StringComparer.Ordinal)
            .Select(ReadFile).ToList();
    }

    /// <summary>
    /// The newest checkpoint in the sidecar folder (the highest number), or null: what a writer compares the head with
    /// before signing another. Reads that one file, not all of them: a runner writes a checkpoint after every live
    /// phase, so reading every earlier one each time made a batch of n documents O(n^2) (benchmarks/README.md, "Batch
    /// workers").
    /// </summary>
    public SignedCheckpoint? ReadNewest()
    {
        if (!Directory.Exists(Folder)) return null;
        string? newest = null;
        var highest = -1L;
        foreach (var path in Directory.EnumerateFiles(Folder, FilePrefix + "*" + FileSuffix))
        {
            var name = Path.GetFileName(path);
            if (long.TryParse(name.AsSpan(FilePrefix.Length, name.Length - FilePrefix.Length - FileSuffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                && number > highest)
            {
                (highest, newest) = (number, path);
            }
        }
        return newest is null ? null : ReadFile(newest);
    }

    /// <summary>Every checkpoint document in the KB, in id order.</summary>
    public async Task<IReadOnlyList<SignedCheckpoint>> ReadKbAsync(CancellationToken cancellationToken)
    {
        var found = new List<SignedCheckpoint>();
        foreach (var id in await kb.ListAsync(cancellationToken))
        {
            var document = await kb.GetAsync(id, cancellationToken);
            if (LogCheckpoint.IsCheckpoint(document)) found.Add(Parse($"KB {id}", document.Raw, document.Signature));
        }
        return found;
    }

    /// <summary>One sidecar checkpoint file with the signature beside it (null when there is none).</summary>
    private static SignedCheckpoint ReadFile(string path) =>
        Parse(path, File.ReadAllBytes(path), File.Exists(path + SignatureSuffix) ? File.ReadAllText(path + SignatureSuffix) : null);

    private static SignedCheckpoint Parse(string source, byte[] raw, string? signature)
    {
        try
        {
            var document = KbDocumentReader.Read(KbDocId.None, raw, signature, source);
            return new SignedCheckpoint(source, raw, signature, LogCheckpoint.Parse(document.FrontMatter, source), null);
        }
        catch (CutterException ex)
        {
            return new SignedCheckpoint(source, raw, signature, null, ex.Message);
        }
    }
}
