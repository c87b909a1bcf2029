using System.Buffers;
using Cutter.Cutting;

namespace Cutter.Store.Scan;

/// <summary>A <c>cutter_core.document</c> row as the store scan read it.</summary>
internal sealed record ScannedDocument(long DocumentId, string KbId, string Code);

/// <summary>A <c>cutter_core.information_unit</c> row as the store scan read it.</summary>
internal sealed record ScannedUnit(long IuId, long DocumentId, string Address, int Ordinal, string Kind, long? ParentIuId, string Heading, string LifecycleState, Guid RunId);

/// <summary>
/// A <c>cutter_core.unit_version</c> row as the store scan read it: the text itself is not kept, only its digest as
/// recomputed in C# (<see cref="ContentRecompute"/>; none for a form this build does not know). Both digests are held
/// as their 32 bytes, not as hex strings (a million versions are a million rows); a stored sha that is not 64
/// lower-case hex digits, which no recomputed digest can equal, is kept as the text it is.
/// </summary>
internal struct ScannedVersion
{
    private Sha256Digest _stored;
    private Sha256Digest _recomputed;
    private readonly string? _storedText;

    public ScannedVersion(long iuId, int versionNo, ReadOnlySpan<byte> storedSha, string form, Guid runId)
    {
        IuId = iuId;
        VersionNo = versionNo;
        Form = form;
        RunId = runId;
        if (!LowerHex.TryParse(storedSha, _stored)) _storedText = System.Text.Encoding.UTF8.GetString(storedSha);
    }

    public long IuId { get; }

    public int VersionNo { get; }

    public string Form { get; }

    public Guid RunId { get; }

    public bool Recomputed { get; private set; }

    public readonly bool Unverifiable => !Recomputed;

    public readonly bool Mismatched => Recomputed && (_storedText is not null || !((ReadOnlySpan<byte>)_stored).SequenceEqual(_recomputed));

    /// <summary>The recomputed digest as lower-case hex, or null for a form this build does not know.</summary>
    public readonly string? RecomputedSha => Recomputed ? Convert.ToHexStringLower(_recomputed) : null;

    /// <summary>Records the digest recomputed from the version's text.</summary>
    public void SetRecomputed(ReadOnlySpan<byte> digest)
    {
        digest.CopyTo(_recomputed);
        Recomputed = true;
    }

    /// <summary>Writes the stored sha's text as UTF-8 into <paramref name="output"/> (the footprint lines carry it as stored).</summary>
    public readonly void WriteStoredSha(IBufferWriter<byte> output)
    {
        if (_storedText is not null)
        {
            var span = output.GetSpan(System.Text.Encoding.UTF8.GetMaxByteCount(_storedText.Length));
            output.Advance(System.Text.Encoding.UTF8.GetBytes(_storedText, span));
            return;
        }
        Convert.TryToHexStringLower(_stored, output.GetSpan(LowerHex.DigestChars), out var written);
        output.Advance(written);
    }
}
