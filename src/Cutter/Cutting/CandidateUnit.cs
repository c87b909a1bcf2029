namespace Cutter.Cutting;

/// <summary>
/// One information unit (IU) a run would write, with its unit version (UV) content.
/// <paramref name="Content"/> is already normalized (see docs/payload-sha.md); <paramref name="ContentSha256"/> is over its UTF-8 bytes.
/// </summary>
public sealed record CandidateUnit(
    string Address,
    int Ordinal,
    string Kind,
    string? ParentAddress,
    string Heading,
    string Content,
    string ContentSha256,
    int SourceLine);
