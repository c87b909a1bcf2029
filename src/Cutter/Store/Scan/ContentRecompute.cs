using Cutter.Domain.Hashing;

namespace Cutter.Store.Scan;

/// <summary>
/// The content hash forms computed in C#, so verification never trusts <c>cutter_core.content_hash</c> (a function
/// the store's owner can replace) for a result it then believes. Each form is the same bytes migration 0008 hashes:
/// <c>sha256:content-v1</c> is SHA-256 over the text's UTF-8 bytes, as 64 lower-case hex.
/// </summary>
internal static class ContentRecompute
{
    // HashForm.Tag is formatted on every call; the scan asks once per row.
    private static readonly string ContentV1Tag = HashForms.ContentV1.Tag;

    /// <summary>The content forms this build can recompute.</summary>
    public static IReadOnlySet<string> KnownForms { get; } =
        HashForms.Known.Where(f => f.Family == HashForms.Content.Family).Select(f => f.Tag).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// True for a form whose digest is the plain SHA-256 of the text's UTF-8 bytes (today every form this build can
    /// recompute), which the scan hashes in windows through <see cref="Cutting.MultiBufferSha256"/>.
    /// </summary>
    public static bool IsPlainSha256(string formTag) => formTag == ContentV1Tag;

    /// <summary>
    /// The hex digest of a text in <paramref name="formTag"/>, or null for a form this build does not know; over the
    /// text's UTF-8 bytes as the server sent them (the connection's client encoding is always UTF-8), so the scan hashes
    /// them without decoding and re-encoding the text.
    /// </summary>
    public static string? Hex(string formTag, ReadOnlySpan<byte> utf8Content)
    {
        if (!IsPlainSha256(formTag)) return null;
        Span<byte> digest = stackalloc byte[System.Security.Cryptography.SHA256.HashSizeInBytes];
        System.Security.Cryptography.SHA256.HashData(utf8Content, digest);
        return Convert.ToHexStringLower(digest);
    }
}
