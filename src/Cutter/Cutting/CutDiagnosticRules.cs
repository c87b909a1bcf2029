namespace Cutter.Cutting;

/// <summary>
/// Append-only registry of cut diagnostics. The rule for severity: anything that makes the text unsafe to store,
/// loses or misplaces text, or makes an address ambiguous is an error; anything that still yields a unique,
/// complete set of units but looks unusual is a warning.
/// </summary>
internal static class CutDiagnosticRules
{
    public static readonly CutDiagnosticRule DocumentTooLarge = new("document-too-large", DiagnosticSeverity.Error, "the document is larger than CuttingOptions.MaxDocumentBytes");
    public static readonly CutDiagnosticRule LineTooLong = new("line-too-long", DiagnosticSeverity.Error, "one line is longer than CuttingOptions.MaxLineBytes");
    public static readonly CutDiagnosticRule NulByte = new("nul-byte", DiagnosticSeverity.Error, "the text holds a NUL byte, which PostgreSQL text cannot store");
    public static readonly CutDiagnosticRule ControlCharacter = new("control-character", DiagnosticSeverity.Error, "the text holds a control or bidirectional-override character other than tab, CR and LF");
    public static readonly CutDiagnosticRule InvalidUtf8 = new("invalid-utf8", DiagnosticSeverity.Error, "the bytes are not valid UTF-8");
    public static readonly CutDiagnosticRule FrontMatterInvalid = new("front-matter-invalid", DiagnosticSeverity.Error, "the YAML front matter is missing, malformed, hostile (anchors, aliases, duplicate keys) or lacks a valid document_code");
    public static readonly CutDiagnosticRule EmptyDocument = new("empty-document", DiagnosticSeverity.Error, "the body holds no text, so there is no unit to write");
    public static readonly CutDiagnosticRule DuplicateNumbering = new("duplicate-numbering", DiagnosticSeverity.Error, "a number is used twice in one numbering sequence");
    public static readonly CutDiagnosticRule SkippedNumbering = new("skipped-numbering", DiagnosticSeverity.Warning, "a numbering sequence skips a number, goes backwards or does not start at 1");
    public static readonly CutDiagnosticRule EmptyArticle = new("empty-article", DiagnosticSeverity.Error, "an article or amendment has a heading but no text and no clauses");
    public static readonly CutDiagnosticRule AddressCollision = new("address-collision", DiagnosticSeverity.Error, "two units would get the same address");
    public static readonly CutDiagnosticRule UnusedHeading = new("unused-heading", DiagnosticSeverity.Warning, "a line looks like a structural heading but is not used as one (inside a paragraph, or a keyword with an invalid number)");
    public static readonly CutDiagnosticRule StructureCollapsed = new("structure-collapsed", DiagnosticSeverity.Warning, "a document of several KB cut into one or two units: its structure was probably not recognized");
    public static readonly CutDiagnosticRule ClauseAfterPoint = new("clause-after-point", DiagnosticSeverity.Warning, "a numbered clause follows a lettered point that has no clause above it (the (a)(1) nesting of US codes), so the clause is not nested in the point");
    public static readonly CutDiagnosticRule NestingTooDeep = new("nesting-too-deep", DiagnosticSeverity.Error, "lists, quotes or indentation nest deeper than the parser safely handles");
    public static readonly CutDiagnosticRule UnitTooLarge = new("unit-too-large", DiagnosticSeverity.Error, "a unit's normalized text is larger than CuttingOptions.MaxUnitBytes");

    public static IReadOnlyList<CutDiagnosticRule> All { get; } = typeof(CutDiagnosticRules)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(CutDiagnosticRule))
        .Select(f => (CutDiagnosticRule)f.GetValue(null)!)
        .ToArray();
}
