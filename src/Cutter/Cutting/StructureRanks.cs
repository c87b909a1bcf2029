namespace Cutter.Cutting;

/// <summary>
/// The rank of each structural kind, for plain-line headings (which have no Markdown level): a plain heading closes
/// every open heading of its rank or a finer one, and nests under the nearest coarser one. Part, Annex, Schedule and
/// Appendix rank first, then Title, Chapter, then Section (Mục) above Tiểu mục above Article (Điều) as in EU and
/// Vietnamese texts, except that in English a document with more plain Section than Article (or Amendment) headings
/// has articles holding sections, as in the US Constitution and corporate bylaws.
/// </summary>
internal readonly record struct StructureRanks(bool ArticlesContainSections)
{
    public static StructureRanks For(int englishSections, int englishArticles) => new(englishSections > englishArticles);

    public int Of(HeadingClass heading) => heading.Kind switch
    {
        UnitKinds.Part or UnitKinds.Annex or UnitKinds.Schedule or UnitKinds.Appendix => 10,
        UnitKinds.Title => 20,
        UnitKinds.Chapter => 30,
        UnitKinds.Section => ArticlesContainSections && !heading.Vietnamese ? 50 : 40,
        UnitKinds.Subsection => 45,
        UnitKinds.Article or UnitKinds.Amendment => ArticlesContainSections && !heading.Vietnamese ? 40 : 50,
        _ => int.MaxValue, // preambles and untitled divisions are leaves, never open
    };
}
