using Cutter.Domain.Hashing;

namespace Cutter.Store.Writes;

/// <summary>
/// One information unit as the writer sends it; ids are allocated before the COPY so parents are known.
/// <paramref name="SucceedsIuId"/> is set only on a unit an amendment's move creates (docs/amendments.md).
/// </summary>
internal readonly record struct UnitRow(long IuId, string Address, int Ordinal, string Kind, long? ParentIuId, string Heading, long? SucceedsIuId = null);

/// <summary>
/// One unit version as the writer sends it; <paramref name="ContentHashForm"/> is the form <paramref name="ContentSha256"/> was made in.
/// A version above 1 carries its own <paramref name="Heading"/> and <paramref name="ParentIuId"/> (the unit row never changes);
/// version 1 leaves both null.
/// </summary>
internal readonly record struct VersionRow(long UvId, long IuId, int VersionNo, string Content, string ContentSha256, HashForm ContentHashForm,
    string? Heading = null, long? ParentIuId = null);
