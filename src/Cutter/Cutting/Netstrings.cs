using System.Buffers;
using System.Globalization;
using System.Text;

namespace Cutter.Cutting;

/// <summary>
/// Fields of Cutter's canonical serializations (the payload, an amendment's diff): each a netstring,
/// <c>&lt;UTF-8 byte length&gt;:&lt;bytes&gt;,</c>, so no value can be confused with a separator.
/// </summary>
internal static class Netstrings
{
    /// <summary>An int's decimal digits and the colon.</summary>
    private const int MaxPrefixBytes = 12;

    /// <summary>A non-negative integer as a netstring of its invariant decimal digits.</summary>
    public static void Number(ArrayBufferWriter<byte> output, int value)
    {
        Span<byte> digits = stackalloc byte[16];
        value.TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
        // Written with one request for space: the length prefix, the digits and the comma.
        var span = output.GetSpan(MaxPrefixBytes + length + 1);
        length.TryFormat(span, out var prefix, default, CultureInfo.InvariantCulture);
        span[prefix] = (byte)':';
        digits[..length].CopyTo(span[(prefix + 1)..]);
        span[prefix + 1 + length] = (byte)',';
        output.Advance(prefix + 2 + length);
    }

    /// <summary>A SHA-256 digest as the netstring of its 64-character lower-case hex, written straight into the output.</summary>
    public static void HexDigest(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> digest)
    {
        var hexLength = digest.Length * 2;
        var span = output.GetSpan(MaxPrefixBytes + hexLength + 1);
        hexLength.TryFormat(span, out var prefix, default, CultureInfo.InvariantCulture);
        span[prefix] = (byte)':';
        Convert.TryToHexStringLower(digest, span.Slice(prefix + 1, hexLength), out _);
        span[prefix + 1 + hexLength] = (byte)',';
        output.Advance(prefix + 2 + hexLength);
    }

    public static void Field(ArrayBufferWriter<byte> output, string value)
    {
        // Most fields are ASCII (addresses, kinds, codes, hex): then the byte length is the char count, known before the
        // copy, so the field is written in one pass; anything else is counted first.
        var span = output.GetSpan(value.Length + MaxPrefixBytes + 1);
        value.Length.TryFormat(span, out var digits, default, CultureInfo.InvariantCulture);
        span[digits] = (byte)':';
        if (Ascii.FromUtf16(value, span[(digits + 1)..], out var copied) == OperationStatus.Done)
        {
            span[digits + 1 + copied] = (byte)',';
            output.Advance(digits + 2 + copied);
            return;
        }
        var length = Encoding.UTF8.GetByteCount(value);
        Prefix(output, length);
        var written = Encoding.UTF8.GetBytes(value, output.GetSpan(length + 1));
        output.Advance(written);
        Byte(output, (byte)',');
    }

    public static void Field(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> utf8)
    {
        Prefix(output, utf8.Length);
        output.Write(utf8);
        Byte(output, (byte)',');
    }

    public static void Byte(ArrayBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    /// <summary>The netstring's "&lt;length&gt;:" prefix.</summary>
    private static void Prefix(ArrayBufferWriter<byte> output, int length)
    {
        var span = output.GetSpan(MaxPrefixBytes);
        length.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        span[written] = (byte)':';
        output.Advance(written + 1);
    }
}
