
namespace Cutter.Cutting.Amendments;

/// <summary>
/// A unit's text below its own heading line: what stays the same when articles are renumbered ("Article 5" becomes
/// "Article 6" over the same text). Moves are found by the hash of this body (docs/amendments.md).
/// </summary>
internal static class UnitBody
{
    /// <summary>The body of <paramref name="content"/>: without its first line when that line is the heading, and without the blank lines after it.</summary>
    public static string Of(string heading, string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (string.IsNullOrEmpty(heading) || !content.StartsWith(heading, StringComparison.Ordinal)) return content;
        var rest = content.AsSpan(heading.Length);
        if (!rest.IsEmpty && rest[0] != '\n') return content;
        return rest.TrimStart('\n').ToString();
    }

    /// <summary>The SHA-256 (lower-case hex) of the body's UTF-8 bytes, or null for an empty body, which never identifies a move.</summary>
    public static string? Sha256(string heading, string content)
    {
        var body = Of(heading, content);
        return body.Length == 0 ? null : ContentHash.Sha256Hex(body);
    }
}
