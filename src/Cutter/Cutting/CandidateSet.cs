using Cutter.Domain;

namespace Cutter.Cutting;

/// <summary>The IUs and UVs a run would write for one document, and the SHA-256 of their canonical serialization.</summary>
public sealed record CandidateSet(
    KbDocId KbId,
    DocumentCode DocumentCode,
    string Title,
    Sha256Hex SourceSha,
    IReadOnlyList<CandidateUnit> Units,
    Sha256Hex PayloadSha)
{
    public int CandidateCount => Units.Count;
}
