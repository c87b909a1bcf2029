using System.Buffers;
using Cutter.Domain;
using Cutter.Domain.Hashing;

namespace Cutter.Cutting;

/// <summary>
/// The canonical serialization the payload sha is taken over (docs/payload-sha.md). Every field is a netstring,
/// <c>&lt;UTF-8 byte length&gt;:&lt;bytes&gt;,</c>, so no value can be confused with a separator; a header names the
/// format version and the document; then one record per unit in ordinal order, each ending with a newline.
/// </summary>
internal static class PayloadSerializer
{
    public const string Version = "cutter-payload-v1";

    public static byte[] Serialize(DocumentCode documentCode, IReadOnlyList<CandidateUnit> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var output = new ArrayBufferWriter<byte>(64 + units.Count * 128);
        WriteHeader(output, documentCode, units.Count);
        foreach (var unit in units)
        {
            WriteRecord(output, unit);
        }
        return output.WrittenSpan.ToArray();
    }

    public static VersionedHash Sha(DocumentCode documentCode, IReadOnlyList<CandidateUnit> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        using var payload = new PayloadHash(documentCode, units.Count);
        foreach (var unit in units)
        {
            payload.Add(unit);
        }
        return payload.Sha();
    }

    /// <summary>The header: the format version, the document code and the number of records that follow.</summary>
    internal static void WriteHeader(ArrayBufferWriter<byte> output, DocumentCode documentCode, int unitCount)
    {
        Netstrings.Field(output, Version);
        Netstrings.Field(output, documentCode.Value);
        Netstrings.Number(output, unitCount);
        Netstrings.Byte(output, (byte)'\n');
    }

    /// <summary>One unit's record, ending with a newline.</summary>
    internal static void WriteRecord(ArrayBufferWriter<byte> output, CandidateUnit unit)
    {
        Netstrings.Number(output, unit.Ordinal);
        Netstrings.Field(output, unit.Kind);
        Netstrings.Field(output, unit.Address);
        Netstrings.Field(output, unit.ParentAddress ?? "");
        unit.WriteContentSha256(output);
        Netstrings.Byte(output, (byte)'\n');
    }
}
