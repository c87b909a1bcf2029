using System.Buffers;
using System.Text;
using Cutter.Domain;

namespace Cutter.Knowledge;

/// <summary>Strict UTF-8 handling for stored documents: invalid bytes are an error naming the line, never a U+FFFD.</summary>
internal static class Utf8Text
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes <paramref name="bytes"/>, refusing invalid UTF-8 with the 1-based line of the first bad byte.</summary>
    public static string DecodeStrict(ReadOnlySpan<byte> bytes, string source)
    {
        var invalid = FindInvalid(bytes);
        if (invalid >= 0)
        {
            throw new InvalidInputException(source, $"line {LineOf(bytes, invalid)}: invalid UTF-8 byte 0x{bytes[invalid]:X2} at offset {invalid}");
        }
        return Strict.GetString(bytes);
    }

    /// <summary>Offset of the first byte that does not start a valid UTF-8 sequence, or -1 when all are valid.</summary>
    public static int FindInvalid(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return -1;
        }
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }
            offset += consumed;
        }
        return -1;
    }

    /// <summary>The 1-based line holding byte <paramref name="offset"/>.</summary>
    public static int LineOf(ReadOnlySpan<byte> bytes, int offset) =>
        bytes[..Math.Min(offset, bytes.Length)].Count((byte)'\n') + 1;
}
