using Cutter.Domain.Hashing;
using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Cutter.Domain;

namespace Cutter.Cutting;

/// <summary>
/// The canonical serialization the payload sha is taken over (docs/payload-sha.md). Every field is a netstring,
/// <c>&lt;UTF-8 byte length&gt;:&lt;bytes&gt;,</c>, so no value can be confused with a separator; a header names the
/// format version and the document; then one record per unit in ordinal order, each ending with a newline.
/// </summary>
internal static class PayloadSerializer
{
    public const string Version = "cutter-payload-v1";

    // The sha streams the serialization through the hash in chunks of about this size, so a large document's
    // payload is never held whole (it would land on the large-object heap twice, as chars and as bytes).
    private const int HashChunkBytes = 32 * 1024;

    public static byte[] Serialize(DocumentCode documentCode, IReadOnlyList<CandidateUnit> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var output = new ArrayBufferWriter<byte>(64 + units.Count * 128);
        Write(documentCode, units, output, flush: null);
        return output.WrittenSpan.ToArray();
    }

    public static VersionedHash Sha(DocumentCode documentCode, IReadOnlyList<CandidateUnit> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var output = new ArrayBufferWriter<byte>(HashChunkBytes + 1024);
        Write(documentCode, units, output, flush: () =>
        {
            hash.AppendData(output.WrittenSpan);
            output.ResetWrittenCount();
        });
        hash.AppendData(output.WrittenSpan);
        return VersionedHash.FromHex(HashForms.PayloadV1, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <param name="flush">Called between records once the output holds a chunk's worth, to drain it; null keeps it all.</param>
    private static void Write(DocumentCode documentCode, IReadOnlyList<CandidateUnit> units, ArrayBufferWriter<byte> output, Action? flush)
    {
        Netstrings.Field(output, Version);
        Netstrings.Field(output, documentCode.Value);
        Netstrings.Number(output, units.Count);
        Netstrings.Byte(output, (byte)'\n');
        foreach (var unit in units)
        {
            Netstrings.Number(output, unit.Ordinal);
            Netstrings.Field(output, unit.Kind);
            Netstrings.Field(output, unit.Address);
            Netstrings.Field(output, unit.ParentAddress ?? "");
            unit.WriteContentSha256(output);
            Netstrings.Byte(output, (byte)'\n');
            if (flush is not null && output.WrittenCount >= HashChunkBytes)
            {
                flush();
            }
        }
    }
}
