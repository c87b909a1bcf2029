using System.Buffers;
using System.Security.Cryptography;
using Cutter.Domain;
using Cutter.Domain.Hashing;

namespace Cutter.Cutting;

/// <summary>
/// The payload sha taken as the units are made: <see cref="PayloadSerializer"/>'s header, then each unit's record as it
/// is added, streamed through the hash in chunks, so a large document's payload is never held whole (it would land on
/// the large-object heap) and a cut writes each record while the unit's strings are still in the cache, instead of a
/// second pass over every unit after the cut.
/// </summary>
internal sealed class PayloadHash : IDisposable
{
    // Drained into the hash between records once it holds about this much.
    private const int ChunkBytes = 32 * 1024;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly ArrayBufferWriter<byte> _output = new(ChunkBytes + 1024);

    /// <param name="unitCount">The number of units that will be added; the header states it.</param>
    public PayloadHash(DocumentCode documentCode, int unitCount) => PayloadSerializer.WriteHeader(_output, documentCode, unitCount);

    /// <summary>Adds the next unit's record, in ordinal order.</summary>
    public void Add(CandidateUnit unit)
    {
        PayloadSerializer.WriteRecord(_output, unit);
        if (_output.WrittenCount >= ChunkBytes)
        {
            _hash.AppendData(_output.WrittenSpan);
            _output.ResetWrittenCount();
        }
    }

    /// <summary>The sha of everything added (call once, after the last unit).</summary>
    public VersionedHash Sha()
    {
        _hash.AppendData(_output.WrittenSpan);
        _output.ResetWrittenCount();
        return VersionedHash.FromHex(HashForms.PayloadV1, Convert.ToHexStringLower(_hash.GetHashAndReset()));
    }

    public void Dispose() => _hash.Dispose();
}
