using Cutter.Domain.Hashing;
using Cutter.Domain;

namespace Cutter.Cutting;

/// <summary>The IUs and UVs a run would write for one document, and the SHA-256 of their canonical serialization.</summary>
public sealed record CandidateSet(
    KbDocId KbId,
    DocumentCode DocumentCode,
    string Title,
    Sha256Hex SourceSha,
    IReadOnlyList<CandidateUnit> Units,
    VersionedHash PayloadSha)
{
    public int CandidateCount => Units.Count;

    /// <summary>Warnings the cut raised; errors never reach a candidate set (see <see cref="CutPlanInvalidException"/>).</summary>
    public IReadOnlyList<CutDiagnostic> Warnings { get; init; } = [];

    /// <summary>Number of units of each kind, for every kind in <see cref="UnitKinds.All"/> (zero included).</summary>
    public IReadOnlyDictionary<string, int> CountsByKind() =>
        UnitKinds.All.ToDictionary(kind => kind, kind => Units.Count(u => u.Kind == kind), StringComparer.Ordinal);
}
