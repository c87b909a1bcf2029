using Cutter.Domain;

namespace Cutter.Knowledge;

/// <summary>
/// Where governance texts, phase reports, gate requests and approvals live. Two implementations:
/// a folder of Markdown files and a remote KB API over HTTP.
/// </summary>
public interface IKnowledgeBase
{
    /// <summary>Reads a document; throws <see cref="KbDocumentNotFoundException"/> when it does not exist.</summary>
    Task<KbDocument> GetAsync(KbDocId id, CancellationToken cancellationToken = default);

    /// <summary>True when the document exists.</summary>
    Task<bool> ExistsAsync(KbDocId id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a document from raw bytes (front matter and body, exactly as they will be stored) and returns its new id.
    /// The same <paramref name="idempotencyKey"/> always returns the id of the first document written with it,
    /// so a resumed run never duplicates a doc.
    /// </summary>
    Task<KbDocId> CreateAsync(byte[] raw, string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>Stores a detached signature beside an existing document.</summary>
    Task PutSignatureAsync(KbDocId id, string armoredSignature, CancellationToken cancellationToken = default);

    /// <summary>Lists document ids, in id order.</summary>
    Task<IReadOnlyList<KbDocId>> ListAsync(CancellationToken cancellationToken = default);
}
