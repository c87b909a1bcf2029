using Cutter.Domain.Hashing;
using Cutter.Domain;
using Cutter.Store;

namespace Cutter.Governance.Backup;

/// <summary>
/// One encrypted backup: the file, its SHA-256 (of the encrypted bytes, as stored), its size, the recipient key,
/// and the per-document footprints (counts and content hashes) of the store at the moment of the dump.
/// All of it goes into state.json; none of it is secret. The file's hash is <c>sha256:bytes-v1</c>.
/// </summary>
internal sealed record BackupArtifact(
    string EncryptedPath,
    VersionedHash EncryptedSha256,
    long EncryptedBytes,
    string RecipientFingerprint,
    DateTimeOffset TakenUtc,
    IReadOnlyList<DocumentFootprint> Footprints);
