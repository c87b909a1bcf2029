using System.Text;
using Cutter.Cutting;
using Xunit;

namespace Cutter.Tests.Cutting;

/// <summary>One test per diagnostic: its code, severity, line and message. The header is lines 1-5; the body starts at line 6.</summary>
public class DiagnosticTests
{
    private static CutDiagnostic SingleError(CutPlanInvalidException ex, string code)
    {
        var error = Assert.Single(ex.Errors, e => e.Code == code);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains(error.ToString(), ex.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void DocumentOverTheSizeLimit_IsRefused_NamingTheLineWhereTheLimitIsCrossed()
    {
        var header = TestDocuments.Header();
        var text = header + string.Concat(Enumerable.Repeat("Line A\n", 50));
        var options = new CuttingOptions { MaxDocumentBytes = Encoding.UTF8.GetByteCount(header) + 7 * 3 + 2 };

        var ex = TestDocuments.CutExpectingErrors(TestDocuments.FromText(text), options);

        var error = SingleError(ex, "document-too-large");
        Assert.Equal(9, error.Line);
        Assert.Equal($"the document is {Encoding.UTF8.GetByteCount(text)} bytes; the limit is {options.MaxDocumentBytes} (crossed on this line): raise orchestrator.max_document_bytes to allow more", error.Message);
    }

    [Fact]
    public void LineOfManyMegabytes_IsRefused_WithItsLine()
    {
        var body = "Preamble text.\n" + new string('x', 5 * 1024 * 1024) + "\nmore\n";

        var ex = TestDocuments.CutExpectingErrors(TestDocuments.FromBody(body));

        var error = SingleError(ex, "line-too-long");
        Assert.Equal(7, error.Line);
        Assert.Equal($"the line is {5 * 1024 * 1024} bytes; the limit is {64 * 1024}: raise orchestrator.max_line_bytes to allow more", error.Message);
    }

    [Fact]
    public void NulByte_IsRefused_WithItsLine()
    {
        var ex = TestDocuments.CutExpectingErrors(TestDocuments.FromBody("## Article 1\n\nbad\0text\n"));

        var error = SingleError(ex, "nul-byte");
        Assert.Equal(8, error.Line);
        Assert.StartsWith("a NUL byte at offset", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("PostgreSQL text cannot hold it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void C0ControlCharacter_IsRefused_WithItsLine()
    {
        var ex = TestDocuments.CutExpectingErrors(TestDocuments.FromBody("## Article 1\n\nring\u0007the bell\n"));

        var error = SingleError(ex, "control-character");
        Assert.Equal(8, error.Line);
        Assert.StartsWith("control byte 0x07 at offset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BidirectionalOverride_IsRefused_WithItsLine()
    {
        var ex = TestDocuments.CutExpectingErrors(TestDocuments.FromBody("## Article 1\n\nText.\n\nhidden \u202Eevil\n"));

        var error = SingleError(ex, "control-character");
        Assert.Equal(10, error.Line);
        Assert.Equal("character U+202E is a control or bidirectional-override character", error.Message);
    }

    [Fact]
    public void InvalidUtf8_IsRefused_WithItsLine()
    {
        var raw = Encoding.UTF8.GetBytes(TestDocuments.Header() + "## Article 1\n\nok\n").Concat(new byte[] { 0x61, 0xFF, 0x62, 0x0A }).ToArray();

        var ex = TestDocuments.CutExpectingErrors(TestDocuments.FromBytes(raw));

        var error = SingleError(ex, "invalid-utf8");
        Assert.Equal(9, error.Line);
        Assert.Equal($"byte 0xFF at offset {raw.Length - 3} is not valid UTF-8", error.Message);
    }

    [Fact]
    public void YamlAnchor_IsRefused_WithItsLine()
    {
        var text = "---\nid: KB-7001\nlol: &a lol\ndocument_code: ICX-TEST\n---\nText.\n";

        var error = SingleError(TestDocuments.CutExpectingErrors(TestDocuments.FromText(text)), "front-matter-invalid");

        Assert.Equal(3, error.Line);
        Assert.Equal("declares the anchor '&a': aliases and anchors are refused", error.Message);
    }

    [Fact]
    public void YamlAliasBomb_IsRefused_AtItsFirstAnchor()
    {
        // The "billion laughs": each line doubles the previous ten times. Refused before anything expands.
        var yaml = new StringBuilder("---\nid: KB-7001\na0: &a0 lol\n");
        for (var i = 1; i < 10; i++)
        {
            yaml.Append($"a{i}: &a{i} [{string.Join(",", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }
        yaml.Append("---\nText.\n");

        var error = SingleError(TestDocuments.CutExpectingErrors(TestDocuments.FromText(yaml.ToString())), "front-matter-invalid");

        Assert.Equal(3, error.Line);
        Assert.Equal("declares the anchor '&a0': aliases and anchors are refused", error.Message);
    }

    [Fact]
    public void DuplicateYamlKey_IsRefused_WithItsLine()
    {
        var text = "---\nid: KB-7001\ndocument_code: ICX-TEST\ndocument_code: ICX-OTHER\n---\nText.\n";

        var error = SingleError(TestDocuments.CutExpectingErrors(TestDocuments.FromText(text)), "front-matter-invalid");

        Assert.Equal(4, error.Line);
        Assert.Equal("repeats the key 'document_code': duplicate keys are refused", error.Message);
    }

    [Fact]
    public void MissingDocumentCode_IsRefused()
    {
        var error = SingleError(TestDocuments.CutExpectingErrors(TestDocuments.FromText("---\nid: KB-7001\n---\nText.\n")), "front-matter-invalid");

        Assert.Equal(2, error.Line);
        Assert.Equal("has no document_code (for example ICX-CONST)", error.Message);
    }

    [Fact]
    public void EmptyDocument_IsRefused_AtTheFirstBodyLine()
    {
        var error = SingleError(TestDocuments.CutExpectingErrors(TestDocuments.FromBody("\n\n   \n")), "empty-document");

        Assert.Equal(6, error.Line);
        Assert.Equal("the body holds no text: there is no unit to write", error.Message);
    }

    [Fact]
    public void DuplicateArticleNumber_AcrossChapters_IsAnError()
    {
        var body = "## Chapter 1\n\n### Article 1\n\nA.\n\n## Chapter 2\n\n### Article 1\n\nB.\n";

        var ex = TestDocuments.CutExpectingErrors(TestDocuments.FromBody(body));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("duplicate-numbering", error.Code);
        Assert.Equal(14, error.Line);
        Assert.Equal("article 1 in the document is numbered again (first at line 8)", error.Message);
    }

    [Fact]
    public void SkippedArticleNumber_IsAWarning_AndTheCutProceeds()
    {
        var set = TestDocuments.Cut("## Article 1\n\nA.\n\n## Article 3\n\nC.\n");

        var warning = Assert.Single(set.Warnings);
        Assert.Equal("skipped-numbering", warning.Code);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal(10, warning.Line);
        Assert.Equal("article 3 in the document follows article 1; expected article 2", warning.Message);
        Assert.Equal(2, set.CandidateCount);
    }

    [Fact]
    public void SkippedPointLetter_InVietnameseOrder_IsAWarning()
    {
        // After d) comes đ) in Vietnamese, so e) skips one.
        var set = TestDocuments.Cut("## Điều 1. Phạm vi\n\n1. Gồm:\na) một;\nb) hai;\nc) ba;\nd) bốn;\ne) năm.\n");

        var warning = Assert.Single(set.Warnings);
        Assert.Equal(13, warning.Line);
        Assert.Equal("point 'e' under art-1/cl-1 follows point 'd'; expected point 'đ'", warning.Message);
    }

    [Fact]
    public void ArticleWithNoText_IsAnError()
    {
        var ex = TestDocuments.CutExpectingErrors(TestDocuments.FromBody("## Article 1\n\n## Article 2\n\nText.\n"));

        var error = SingleError(ex, "empty-article");
        Assert.Equal(6, error.Line);
        Assert.Equal("article art-1 ('Article 1') has no text", error.Message);
    }

    [Fact]
    public void AddressCollision_IsAnError_NamingBothLines()
    {
        var ex = TestDocuments.CutExpectingErrors(TestDocuments.FromBody("## Preamble\n\nA.\n\n## Preamble\n\nB.\n"));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("address-collision", error.Code);
        Assert.Equal(10, error.Line);
        Assert.Equal("address preamble is already used by the unit at line 6", error.Message);
    }

    [Fact]
    public void ARepeatedArticleFarDownALargeDocument_CollidesWithTheFirst_AndSoDoItsClauses()
    {
        // 3,000 articles (about 9,000 units) with article 2,500 numbered 7 again: the check must hold every address
        // of the document, not only recent ones, and name the first unit's line.
        var body = new System.Text.StringBuilder();
        var bodyLine = 0;
        var headingLines = new Dictionary<int, List<int>>();
        for (var a = 1; a <= 3000; a++)
        {
            var number = a == 2500 ? 7 : a;
            headingLines.TryAdd(number, []);
            headingLines[number].Add(bodyLine);
            body.Append($"## Article {number}\n\nText of {a}.\n\n1. First clause.\n2. Second clause.\n\n");
            bodyLine += 7;
        }
        const int BodyFirstLine = 6; // TestDocuments.FromBody's front matter takes five lines
        var (first, again) = (headingLines[7][0] + BodyFirstLine, headingLines[7][1] + BodyFirstLine);

        var ex = TestDocuments.CutExpectingErrors(TestDocuments.FromBody(body.ToString()));

        Assert.Equal(
            [
                (again, "address art-7 is already used by the unit at line " + first),
                (again + 4, "address art-7/cl-1 is already used by the unit at line " + (first + 4)),
                (again + 5, "address art-7/cl-2 is already used by the unit at line " + (first + 5)),
            ],
            ex.Errors.Where(e => e.Code == "address-collision").Select(e => (e.Line, e.Message)));
        Assert.Equal([again, again + 4, again + 5], ex.Errors.Where(e => e.Code == "duplicate-numbering").Select(e => e.Line));
    }

    [Fact]
    public void UnitOverTheSizeLimit_IsAnError()
    {
        var options = new CuttingOptions { MaxUnitBytes = 50 };

        var ex = TestDocuments.CutExpectingErrors(TestDocuments.FromBody("## Article 1\n\n" + new string('w', 100) + "\n"), options);

        var error = SingleError(ex, "unit-too-large");
        Assert.Equal(6, error.Line);
        Assert.Equal("unit art-1 is 111 bytes after normalization; the limit is 50: raise orchestrator.max_unit_bytes to allow more", error.Message);
    }

    [Fact]
    public void EveryRule_IsDocumented_InTheDiagnosticsTable()
    {
        var doc = File.ReadAllText(Path.Combine(TestDocuments.RepoRoot(), "docs", "cutting.md"));

        foreach (var rule in CutDiagnosticRules.All)
        {
            var severity = rule.Severity == DiagnosticSeverity.Error ? "error" : "warning";
            Assert.Contains($"| `{rule.Code}` | {severity} |", doc, StringComparison.Ordinal);
        }
    }
}
