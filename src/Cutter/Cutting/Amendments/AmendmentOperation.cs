namespace Cutter.Cutting.Amendments;

/// <summary>What an amendment run does to one address (docs/amendments.md gives the rules).</summary>
internal enum AmendmentOperation
{
    /// <summary>Same address, kind, parent, heading and content: nothing is written.</summary>
    Unchanged,

    /// <summary>Same address and kind, new content, heading or parent: a new version of the existing unit.</summary>
    Changed,

    /// <summary>An address the enacted document does not have: a new unit and its version 1.</summary>
    Added,

    /// <summary>An enacted address the new text no longer has: the unit is retired, never deleted.</summary>
    Removed,

    /// <summary>
    /// The text of an enacted unit below its heading, unchanged, under another address of the same kind (articles
    /// renumbered after an insertion): a new unit at the new address that records the unit it succeeds, which is retired.
    /// </summary>
    Moved,
}
