using Cutter.Domain;

namespace Cutter.Knowledge;

/// <summary>
/// A knowledge-base document: YAML front matter plus a Markdown body. <see cref="Raw"/> holds the exact bytes
/// as stored (approvals are signed over them); <see cref="Signature"/> is a detached armored SSH signature, if any.
/// </summary>
public sealed record KbDocument(
    KbDocId Id,
    IReadOnlyDictionary<string, string> FrontMatter,
    string Body,
    byte[] Raw,
    string? Signature);
