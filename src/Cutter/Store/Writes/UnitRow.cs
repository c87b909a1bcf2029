using Cutter.Domain.Hashing;

namespace Cutter.Store.Writes;

/// <summary>One information unit as the writer sends it; ids are allocated before the COPY so parents are known.</summary>
internal readonly record struct UnitRow(long IuId, string Address, int Ordinal, string Kind, long? ParentIuId, string Heading);

/// <summary>One unit version as the writer sends it; <paramref name="ContentHashForm"/> is the form <paramref name="ContentSha256"/> was made in.</summary>
internal readonly record struct VersionRow(long UvId, long IuId, int VersionNo, string Content, string ContentSha256, HashForm ContentHashForm);
