using Cutter.Domain.Hashing;
using System.Buffers;
using System.Globalization;
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
        Field(output, Version);
        Field(output, documentCode.Value);
        Number(output, units.Count);
        Byte(output, (byte)'\n');
        foreach (var unit in units)
        {
            Number(output, unit.Ordinal);
            Field(output, unit.Kind);
            Field(output, unit.Address);
            Field(output, unit.ParentAddress ?? "");
            Field(output, unit.ContentSha256);
            Byte(output, (byte)'\n');
            if (flush is not null && output.WrittenCount >= HashChunkBytes)
            {
                flush();
            }
        }
    }

    /// <summary>A non-negative integer as a netstring of its invariant decimal digits.</summary>
    private static void Number(ArrayBufferWriter<byte> output, int value)
    {
        Span<byte> digits = stackalloc byte[16];
        value.TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
        Field(output, digits[..length]);
    }

    private static void Field(ArrayBufferWriter<byte> output, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Prefix(output, length);
        var written = Encoding.UTF8.GetBytes(value, output.GetSpan(length + 1));
        output.Advance(written);
        Byte(output, (byte)',');
    }

    private static void Field(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> utf8)
    {
        Prefix(output, utf8.Length);
        output.Write(utf8);
        Byte(output, (byte)',');
    }

    /// <summary>The netstring's "&lt;length&gt;:" prefix.</summary>
    private static void Prefix(ArrayBufferWriter<byte> output, int length)
    {
        var span = output.GetSpan(16);
        length.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        span[written] = (byte)':';
        output.Advance(written + 1);
    }

    private static void Byte(ArrayBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }
}
