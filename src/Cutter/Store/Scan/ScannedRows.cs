namespace Cutter.Store.Scan;

/// <summary>A <c>cutter_core.document</c> row as the store scan read it.</summary>
internal sealed record ScannedDocument(long DocumentId, string KbId, string Code);

/// <summary>A <c>cutter_core.information_unit</c> row as the store scan read it.</summary>
internal sealed record ScannedUnit(long IuId, long DocumentId, string Address, int Ordinal, string Kind, long? ParentIuId, string Heading, string LifecycleState, Guid RunId);

/// <summary>
/// A <c>cutter_core.unit_version</c> row as the store scan read it: the text itself is not kept, only its digest as
/// recomputed in C# (<see cref="ContentRecompute"/>; null for a form this build does not know).
/// </summary>
internal readonly record struct ScannedVersion(long IuId, int VersionNo, string StoredSha, string Form, string? RecomputedSha, Guid RunId)
{
    public bool Unverifiable => RecomputedSha is null;

    public bool Mismatched => RecomputedSha is not null && !string.Equals(RecomputedSha, StoredSha, StringComparison.Ordinal);
}
