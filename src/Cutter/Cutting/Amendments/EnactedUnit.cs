namespace Cutter.Cutting.Amendments;

/// <summary>
/// One unit as it stands enacted in the store, with its current version: what an amendment run is diffed against.
/// <paramref name="BodySha256"/> is <see cref="UnitBody.Sha256"/> of the current version's text (null when empty).
/// </summary>
internal sealed record EnactedUnit(
    long UnitId,
    string Address,
    int Ordinal,
    string Kind,
    string? ParentAddress,
    string Heading,
    int VersionNo,
    string ContentSha256,
    string? BodySha256)
{
    /// <summary>The enacted unit for a current version's text, its body hash taken from that text.</summary>
    public static EnactedUnit Of(long unitId, string address, int ordinal, string kind, string? parentAddress, string heading, int versionNo, string contentSha256, string content) =>
        new(unitId, address, ordinal, kind, parentAddress, heading, versionNo, contentSha256, UnitBody.Sha256(heading, content));
}
