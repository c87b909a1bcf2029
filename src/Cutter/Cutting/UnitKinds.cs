namespace Cutter.Cutting;

/// <summary>
/// The kinds of information unit, and the address prefix each one uses (docs/cutting.md, "Address grammar").
/// Kinds are strings because they are stored as text in the unit table.
/// </summary>
internal static class UnitKinds
{
    /// <summary>Text before the first heading, or under a "Preamble" / "Lời nói đầu" heading.</summary>
    public const string Preamble = "preamble";
    /// <summary>A numbered recital or "Whereas" clause before the first structural heading.</summary>
    public const string Recital = "recital";
    public const string Part = "part";
    public const string Title = "title";
    public const string Chapter = "chapter";
    public const string Section = "section";
    /// <summary>Vietnamese "Tiểu mục": a division of a Mục, above Điều.</summary>
    public const string Subsection = "subsection";
    public const string Article = "article";
    public const string Amendment = "amendment";
    public const string Annex = "annex";
    public const string Schedule = "schedule";
    public const string Appendix = "appendix";
    /// <summary>A numbered paragraph: "1.", "(1)", an ordered list item; Vietnamese "khoản".</summary>
    public const string Clause = "clause";
    /// <summary>A lettered point: "(a)", "a)"; Vietnamese "điểm", including "đ)".</summary>
    public const string Point = "point";
    /// <summary>A roman sub-point "(i)", "(ii)" under a lettered point (docs/cutting.md: "(i) after (h)").</summary>
    public const string Subpoint = "subpoint";
    /// <summary>An untitled division: a heading that names no structural kind (a document title, "Schedule", "Attestation").</summary>
    public const string Text = "text";

    /// <summary>Every kind, in the order reports list them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Preamble, Recital, Part, Title, Chapter, Section, Subsection, Article, Amendment, Annex, Schedule, Appendix, Clause, Point, Subpoint, Text];

    /// <summary>The address segment prefix of a kind (<c>art</c> in <c>ch-2/art-44</c>).</summary>
    public static string AddressPrefix(string kind) => kind switch
    {
        Preamble => "preamble",
        Recital => "rec",
        Part => "part",
        Title => "title",
        Chapter => "ch",
        Section => "sec",
        Subsection => "subsec",
        Article => "art",
        Amendment => "amend",
        Annex => "annex",
        Schedule => "sched",
        Appendix => "app",
        Clause => "cl",
        Point => "pt",
        Subpoint => "sp",
        Text => "text",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a unit kind"),
    };

    /// <summary>
    /// Kinds numbered once through the whole document (Article 1..N runs across chapters); the others restart
    /// under each parent (Section 1 of every Article, clause 1 of every article).
    /// </summary>
    internal static bool IsNumberedDocumentWide(string kind) =>
        kind is Recital or Part or Title or Chapter or Article or Amendment or Annex or Schedule or Appendix;
}
