namespace Cutter.Domain.Hashing;

/// <summary>
/// Every hash form Cutter has ever made, by family, and the one it makes now. Append only: a form is never removed
/// or redefined, because stored hashes of it must keep verifying (docs/hashes.md lists what each form covers).
/// </summary>
internal static class HashForms
{
    /// <summary>A unit version's normalized text as UTF-8 (docs/payload-sha.md).</summary>
    public static readonly HashForm ContentV1 = HashForm.Of("sha256", "content", 1);

    /// <summary>The candidate set in the <c>cutter-payload-v1</c> serialization (docs/payload-sha.md).</summary>
    public static readonly HashForm PayloadV1 = HashForm.Of("sha256", "payload", 1);

    /// <summary>The lanes' sorted grant lines joined with '\n' (Store/GrantMatrix.cs).</summary>
    public static readonly HashForm GrantsV1 = HashForm.Of("sha256", "grants", 1);

    /// <summary>A document's units (address, ordinal, kind, state) and version hashes (Store/DocumentSurvey.cs).</summary>
    public static readonly HashForm FootprintV1 = HashForm.Of("sha256", "footprint", 1);

    /// <summary>footprint-v1 plus each unit's heading, so a renamed heading is seen too.</summary>
    public static readonly HashForm FootprintV2 = HashForm.Of("sha256", "footprint", 2);

    /// <summary>An audit row's canonical text and the previous row's hash (Store/Migrations/0006_audit_chains.sql).</summary>
    public static readonly HashForm ChainV1 = HashForm.Of("sha256", "chain", 1);

    /// <summary>One transparency-log entry: its statement's rows in canonical text, in key order (0010_transparency_log.sql).</summary>
    public static readonly HashForm LogLeafV1 = HashForm.Of("sha256", "log-leaf", 1);

    /// <summary>The log's root after an entry: the previous root, the tree size and the entry's leaf (0010_transparency_log.sql).</summary>
    public static readonly HashForm LogRootV1 = HashForm.Of("sha256", "log-root", 1);

    /// <summary>A file's bytes as they are (the encrypted backup): nothing is canonicalized.</summary>
    public static readonly HashForm BytesV1 = HashForm.Of("sha256", "bytes", 1);

    /// <summary>A document's enacted units with their current versions (Cutting/Amendments/AmendmentSerializer.cs).</summary>
    public static readonly HashForm EnactedV1 = HashForm.Of("sha256", "enacted", 1);

    /// <summary>An amendment's diff against an enacted state (Cutting/Amendments/AmendmentSerializer.cs).</summary>
    public static readonly HashForm AmendmentV1 = HashForm.Of("sha256", "amendment", 1);

    /// <summary>The store's executable surface on the governed schemas, sorted lines joined with '\n' (Store/SchemaSurface.cs).</summary>
    public static readonly HashForm SchemaV1 = HashForm.Of("sha256", "schema", 1);

    /// <summary>A batch's documents: the RFC 9162 Merkle root over leaves "KB-id TAB tagged payload sha" (Domain/Hashing/BatchMerkleTree.cs).</summary>
    public static readonly HashForm BatchRootV1 = HashForm.Of("sha256", "batch-root", 1);

    public static IReadOnlyList<HashForm> Known { get; } = [ContentV1, PayloadV1, GrantsV1, FootprintV1, FootprintV2, ChainV1, LogLeafV1, LogRootV1, BytesV1, EnactedV1, AmendmentV1, SchemaV1, BatchRootV1];

    /// <summary>The form new content hashes are made in.</summary>
    public static HashForm Content => ContentV1;

    public static HashForm Payload => PayloadV1;

    public static HashForm Grants => GrantsV1;

    public static HashForm Footprint => FootprintV2;

    public static HashForm Chain => ChainV1;

    public static HashForm Bytes => BytesV1;

    public static HashForm Schema => SchemaV1;

    public static HashForm BatchRoot => BatchRootV1;

    public static bool IsKnown(HashForm form) => Known.Contains(form);

    /// <summary>
    /// The form an untagged 64-hex value of <paramref name="family"/> was made in: values stored before hashes
    /// carried tags were all version 1, the only version of every family then.
    /// </summary>
    public static HashForm Untagged(string family) => Known.First(f => f.Family == family && f.Version == 1);
}
