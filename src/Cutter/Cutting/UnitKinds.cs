namespace Cutter.Cutting;

/// <summary>
/// The kinds of information unit, and the address prefix each one uses (docs/cutting.md, "Address grammar").
/// Kinds are strings because they are stored as text in the unit table.
/// </summary>
public static class UnitKinds
{
    /// <summary>Text before the first heading, or under a "Preamble" / "Lời nói đầu" heading.</summary>
    public const string Preamble = "preamble";
    public const string Part = "part";
    public const string Title = "title";
    public const string Chapter = "chapter";
    public const string Section = "section";
    public const string Article = "article";
    public const string Amendment = "amendment";
    /// <summary>A numbered paragraph: "1.", "(1)", an ordered list item; Vietnamese "khoản".</summary>
    public const string Clause = "clause";
    /// <summary>A lettered point: "(a)", "a)"; Vietnamese "điểm", including "đ)".</summary>
    public const string Point = "point";
    /// <summary>An untitled division: a heading that names no structural kind (a document title, "Schedule", "Attestation").</summary>
    public const string Text = "text";

    /// <summary>Every kind, in the order reports list them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Preamble, Part, Title, Chapter, Section, Article, Amendment, Clause, Point, Text];

    /// <summary>The address segment prefix of a kind (<c>art</c> in <c>ch-2/art-44</c>).</summary>
    public static string AddressPrefix(string kind) => kind switch
    {
        Preamble => "preamble",
        Part => "part",
        Title => "title",
        Chapter => "ch",
        Section => "sec",
        Article => "art",
        Amendment => "amend",
        Clause => "cl",
        Point => "pt",
        Text => "text",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a unit kind"),
    };

    /// <summary>
    /// Kinds numbered once through the whole document (Article 1..N runs across chapters); the others restart
    /// under each parent (Section 1 of every Article, clause 1 of every article).
    /// </summary>
    internal static bool IsNumberedDocumentWide(string kind) =>
        kind is Part or Title or Chapter or Article or Amendment;
}
