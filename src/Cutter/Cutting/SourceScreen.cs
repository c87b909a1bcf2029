using System.Buffers;
using Cutter.Configuration;
using Cutter.Knowledge;

namespace Cutter.Cutting;

/// <summary>
/// The first gate: refuses hostile or unstorable input on the raw bytes, before any parser sees it, each refusal
/// naming the offending line. Every scan is a vectorized search, so a clean document costs little.
/// </summary>
internal static class SourceScreen
{
    // C0 controls except TAB (09), LF (0A) and CR (0D), plus DEL. NUL is reported on its own (PostgreSQL cannot store it).
    private static readonly SearchValues<byte> ControlBytes = SearchValues.Create(
        [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0B, 0x0C, 0x0E, 0x0F, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F, 0x7F]);

    // C1 controls and the bidirectional overrides/isolates used to make text display differently from what it says.
    private static readonly SearchValues<char> ControlChars = SearchValues.Create(
        "\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008A\u008B\u008C\u008D\u008E\u008F" +
        "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B\u009C\u009D\u009E\u009F" +
        "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    // The lowest and highest of ControlChars.
    private const char FirstControlChar = '\u0080';
    private const char LastControlChar = '\u2069';

    /// <summary>Checks size, line lengths, NUL, C0 controls and UTF-8 validity. Returns false when the text must not be decoded.</summary>
    public static bool ScreenBytes(ReadOnlySpan<byte> raw, CuttingOptions options, DiagnosticSink sink)
    {
        if (raw.Length > options.MaxDocumentBytes)
        {
            var line = Utf8Text.LineOf(raw, (int)options.MaxDocumentBytes);
            sink.Add(CutDiagnosticRules.DocumentTooLarge, line,
                $"the document is {raw.Length} bytes; the limit is {options.MaxDocumentBytes} (crossed on this line): {DocumentCaps.RaiseHint(DocumentCaps.MaxDocumentBytesKey)}");
            return false;
        }

        ScreenLineLengths(raw, options, sink);
        ScreenControlBytes(raw, sink);

        var invalid = Utf8Text.FindInvalid(raw);
        if (invalid >= 0)
        {
            sink.Add(CutDiagnosticRules.InvalidUtf8, Utf8Text.LineOf(raw, invalid),
                $"byte 0x{raw[invalid]:X2} at offset {invalid} is not valid UTF-8");
        }
        return !sink.HasErrors;
    }

    /// <summary>Checks the decoded text for C1 controls and bidirectional overrides; <paramref name="firstLine"/> is the document line it starts on.</summary>
    public static void ScreenChars(string text, int firstLine, DiagnosticSink sink)
    {
        var span = text.AsSpan();
        var offset = 0;
        var line = firstLine;
        while (!sink.IsFull(CutDiagnosticRules.ControlCharacter))
        {
            // Every screened character lies in U+0080..U+2069: a search for that range (one vectorized compare, where the
            // set takes a slower path) skips the text that cannot hold one, all of an ASCII document.
            var candidate = span[offset..].IndexOfAnyInRange(FirstControlChar, LastControlChar);
            if (candidate < 0)
            {
                return;
            }
            var hit = span[(offset + candidate)..].IndexOfAny(ControlChars);
            if (hit < 0)
            {
                return;
            }
            hit += candidate;
            line += span.Slice(offset, hit).Count('\n');
            offset += hit;
            sink.Add(CutDiagnosticRules.ControlCharacter, line, $"character U+{(int)span[offset]:X4} is a control or bidirectional-override character");
            offset++;
        }
    }

    private static void ScreenLineLengths(ReadOnlySpan<byte> raw, CuttingOptions options, DiagnosticSink sink)
    {
        var start = 0;
        var line = 1;
        while (start <= raw.Length && !sink.IsFull(CutDiagnosticRules.LineTooLong))
        {
            var newline = raw[start..].IndexOf((byte)'\n');
            var length = newline < 0 ? raw.Length - start : newline;
            if (length > options.MaxLineBytes)
            {
                sink.Add(CutDiagnosticRules.LineTooLong, line, $"the line is {length} bytes; the limit is {options.MaxLineBytes}: {DocumentCaps.RaiseHint(DocumentCaps.MaxLineBytesKey)}");
            }
            if (newline < 0)
            {
                return;
            }
            start += newline + 1;
            line++;
        }
    }

    private static void ScreenControlBytes(ReadOnlySpan<byte> raw, DiagnosticSink sink)
    {
        var offset = 0;
        var line = 1;
        while (true)
        {
            var hit = raw[offset..].IndexOfAny(ControlBytes);
            var nul = raw[offset..].IndexOf((byte)0);
            if (nul >= 0 && (hit < 0 || nul < hit))
            {
                hit = nul;
            }
            if (hit < 0)
            {
                return;
            }
            line += raw.Slice(offset, hit).Count((byte)'\n');
            offset += hit;
            var rule = raw[offset] == 0 ? CutDiagnosticRules.NulByte : CutDiagnosticRules.ControlCharacter;
            sink.Add(rule, line, raw[offset] == 0
                ? $"a NUL byte at offset {offset}: PostgreSQL text cannot hold it"
                : $"control byte 0x{raw[offset]:X2} at offset {offset}");
            if (sink.IsFull(CutDiagnosticRules.NulByte) && sink.IsFull(CutDiagnosticRules.ControlCharacter))
            {
                return;
            }
            offset++;
        }
    }
}
