using System.Text;
using Cutter.Domain;
using Cutter.Knowledge;

namespace Cutter.Tests.Governance.Approvals;

/// <summary>
/// Stand-in KB for the authoring tests until the folder KB lands in main: stores raw bytes and signatures,
/// honours idempotency keys, numbers docs from KB-9000.
/// </summary>
internal sealed class InMemoryKnowledgeBase : IKnowledgeBase
{
    private readonly SortedDictionary<int, (byte[] Raw, string? Signature)> _docs = new();
    private readonly Dictionary<string, KbDocId> _byKey = new(StringComparer.Ordinal);
    private int _next = 9000;

    public KbDocId Add(byte[] raw, string? signature = null)
    {
        var number = _next++;
        _docs[number] = (raw, signature);
        return KbDocId.Parse($"KB-{number}");
    }

    public Task<KbDocument> GetAsync(KbDocId id, CancellationToken cancellationToken = default)
    {
        if (!_docs.TryGetValue(Number(id), out var doc)) throw new KbDocumentNotFoundException(id);
        return Task.FromResult(new KbDocument(id, new Dictionary<string, string>(), Encoding.UTF8.GetString(doc.Raw), doc.Raw, doc.Signature));
    }

    public Task<bool> ExistsAsync(KbDocId id, CancellationToken cancellationToken = default) => Task.FromResult(_docs.ContainsKey(Number(id)));

    public Task<KbDocId> CreateAsync(byte[] raw, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        if (!_byKey.TryGetValue(idempotencyKey, out var id))
        {
            id = Add(raw);
            _byKey[idempotencyKey] = id;
        }
        return Task.FromResult(id);
    }

    public Task PutSignatureAsync(KbDocId id, string armoredSignature, CancellationToken cancellationToken = default)
    {
        var number = Number(id);
        _docs[number] = (_docs[number].Raw, armoredSignature);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<KbDocId>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<KbDocId>>(_docs.Keys.Select(n => KbDocId.Parse($"KB-{n}")).ToArray());

    private static int Number(KbDocId id) => int.Parse(id.Value.AsSpan(3), System.Globalization.CultureInfo.InvariantCulture);
}
