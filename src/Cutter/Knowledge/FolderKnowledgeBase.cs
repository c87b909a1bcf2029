using System.Globalization;
using Cutter.Configuration;
using Cutter.Domain;

namespace Cutter.Knowledge;

/// <summary>
/// A knowledge base kept as a folder: one Markdown file per document, <c>&lt;root&gt;/KB-NNNN.md</c>, with YAML front
/// matter, and its detached signature in <c>&lt;root&gt;/KB-NNNN.md.sig</c>. New ids are allocated by creating the file
/// with <see cref="FileMode.CreateNew"/>, so two writers can never obtain the same id; creates are serialized by an
/// OS file lock so the idempotency index and the id allocation agree.
/// </summary>
internal sealed class FolderKnowledgeBase : IKnowledgeBase
{
    /// <summary>Documents larger than this are refused before they are read (8 MiB unless <c>orchestrator.max_document_bytes</c> says otherwise).</summary>
    public const long DefaultMaxDocumentBytes = DocumentCaps.DefaultMaxDocumentBytes;

    private const string LockFileName = ".kb.lock";
    private const int MaxSignatureChars = 64 * 1024;
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    private readonly KbFolderPaths _paths;
    private readonly long _maxDocumentBytes;
    private readonly IdempotencyIndex _index;

    public FolderKnowledgeBase(string root, long maxDocumentBytes = DefaultMaxDocumentBytes)
    {
        if (maxDocumentBytes <= 0)
        {
            throw new InvalidInputException("KB maximum document size", $"{maxDocumentBytes} must be positive");
        }
        _paths = new KbFolderPaths(root);
        _maxDocumentBytes = maxDocumentBytes;
        _index = new IdempotencyIndex(_paths.Root);
    }

    /// <summary>The resolved root folder.</summary>
    public string Root => _paths.Root;

    public async Task<KbDocument> GetAsync(KbDocId id, CancellationToken cancellationToken = default)
    {
        var path = _paths.Document(id);
        if (!File.Exists(path))
        {
            throw new KbDocumentNotFoundException(id);
        }
        return await ReadAsync(id, path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads a document by its file name inside the root (<c>KB-2186.md</c>). Names with folders, <c>..</c>, absolute
    /// paths, and links leaving the root are refused.
    /// </summary>
    public async Task<KbDocument> GetByFileNameAsync(string fileName, CancellationToken cancellationToken = default)
    {
        var path = _paths.Inside(fileName);
        var stem = fileName.EndsWith(".md", StringComparison.Ordinal) ? fileName[..^3] : fileName;
        if (!KbDocId.TryParse(stem, out var id))
        {
            throw new InvalidInputException("KB file name", $"'{fileName}' is not of the form KB-<digits>.md");
        }
        if (!File.Exists(path))
        {
            throw new KbDocumentNotFoundException(id);
        }
        return await ReadAsync(id, path, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> ExistsAsync(KbDocId id, CancellationToken cancellationToken = default)
    {
        var path = _paths.Document(id);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }
        _paths.RefuseEscapingLink(path);
        return Task.FromResult(true);
    }

    public async Task<KbDocId> CreateAsync(byte[] raw, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(raw);
        IdempotencyIndex.ValidateKey(idempotencyKey);
        if (raw.LongLength > _maxDocumentBytes)
        {
            throw new InvalidInputException("new KB document", DocumentCaps.TooLarge(raw.LongLength, _maxDocumentBytes, DocumentCaps.MaxDocumentBytesKey));
        }
        // Refuse a malformed document before an id is spent on it.
        KbDocumentReader.Read(KbDocId.None, raw, null, "new KB document");

        using var lockHandle = await AcquireLockAsync(cancellationToken).ConfigureAwait(false);
        if (_index.Find(idempotencyKey) is { } existing && KbDocId.TryParse(existing, out var existingId)
            && File.Exists(_paths.Document(existingId)))
        {
            return existingId;
        }

        var number = NextNumber();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = KbDocId.Parse("KB-" + number.ToString(CultureInfo.InvariantCulture));
            var path = _paths.Document(id);
            FileStream stream;
            try
            {
                stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            }
            catch (IOException) when (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
            {
                number++;
                continue;
            }
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(raw, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            _index.Record(idempotencyKey, id.Value);
            return id;
        }
    }

    public async Task PutSignatureAsync(KbDocId id, string armoredSignature, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(armoredSignature) || armoredSignature.Length > MaxSignatureChars
            || armoredSignature.Any(c => char.IsControl(c) && c is not '\n' and not '\r'))
        {
            throw new InvalidInputException($"signature for {id}", $"must be 1-{MaxSignatureChars} characters of armored text without control characters");
        }
        if (!await ExistsAsync(id, cancellationToken).ConfigureAwait(false))
        {
            throw new KbDocumentNotFoundException(id);
        }
        var path = _paths.Signature(id);
        _paths.RefuseEscapingLink(path);
        var temporary = path + ".tmp-" + Environment.ProcessId;
        await File.WriteAllTextAsync(temporary, armoredSignature, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    public Task<IReadOnlyList<KbDocId>> ListAsync(CancellationToken cancellationToken = default)
    {
        var ids = new List<(long Number, KbDocId Id)>();
        foreach (var path in Directory.EnumerateFiles(_paths.Root, "KB-*.md"))
        {
            if (KbDocId.TryParse(Path.GetFileNameWithoutExtension(path), out var id))
            {
                ids.Add((NumberOf(id), id));
            }
        }
        IReadOnlyList<KbDocId> ordered = ids.OrderBy(x => x.Number).Select(x => x.Id).ToArray();
        return Task.FromResult(ordered);
    }

    private async Task<KbDocument> ReadAsync(KbDocId id, string path, CancellationToken cancellationToken)
    {
        _paths.RefuseEscapingLink(path);
        var fileName = Path.GetFileName(path);
        var raw = await DocumentFile.ReadAllBytesAsync(path, _maxDocumentBytes, fileName, DocumentCaps.MaxDocumentBytesKey, cancellationToken).ConfigureAwait(false);

        string? signature = null;
        var signaturePath = _paths.Signature(id);
        if (File.Exists(signaturePath))
        {
            _paths.RefuseEscapingLink(signaturePath);
            var signatureStream = DocumentFile.OpenRegular(signaturePath, Path.GetFileName(signaturePath));
            using var reader = new StreamReader(signatureStream);
            signature = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        return KbDocumentReader.Read(id, raw, signature, fileName);
    }

    private long NextNumber()
    {
        var max = 0L;
        foreach (var path in Directory.EnumerateFiles(_paths.Root, "KB-*.md"))
        {
            if (KbDocId.TryParse(Path.GetFileNameWithoutExtension(path), out var id))
            {
                max = Math.Max(max, NumberOf(id));
            }
        }
        return max + 1;
    }

    private static long NumberOf(KbDocId id) => long.Parse(id.Value.AsSpan(3), CultureInfo.InvariantCulture);

    /// <summary>An exclusive OS lock on the KB's lock file; released when the handle is disposed or the process dies.</summary>
    private async Task<FileStream> AcquireLockAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(_paths.Root, LockFileName);
        // A monotonic stopwatch, not the wall clock: this is a wait, not a timestamp.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (System.Diagnostics.Stopwatch.GetElapsedTime(started) < LockTimeout)
            {
                await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
