using System.Text;
using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Knowledge;
using Xunit;

namespace Cutter.Tests.Knowledge;

/// <summary>
/// The KB and the signature verifier read front matter through one reader. Each case here once split differently
/// in the two (a fence with trailing blanks, a YAML <c>...</c> end line, a byte-order mark); now both paths give the
/// same fields and body, or refuse at the same line for the same reason.
/// </summary>
public class FrontMatterAgreementTests
{
    public static TheoryData<string, string, string> Accepted => new()
    {
        { "\uFEFF---\nkind: a\n---\nBody.\n", "kind=a", "Body.\n" },
        { "---\r\nkind: a\r\n---\r\nBody.\r\n", "kind=a", "Body.\r\n" },
        { "---\nkind: a\n...\n---\nBody.\n", "kind=a", "Body.\n" },
        { "---\nkind: a\n---\n--- \nBody.\n", "kind=a", "--- \nBody.\n" },
        { "---\n---\n", "", "" },
    };

    public static TheoryData<string, int, string> Refused => new()
    {
        { "---\nkind: a\n--- \nextra: b\n---\nBody.\n", 3, "holds more than one YAML document" },
        { "---\nkind: a\n---\t\nextra: b\n---\nBody.\n", 3, "holds more than one YAML document" },
        { "---\nkind: a\n...\nBody text.\n---\nBody.\n", 4, "holds more than one YAML document" },
        { "--- \nkind: a\n---\nBody.\n", 1, "is missing: the document must open with a '---' line" },
        { "---\rkind: a\r---\r", 1, "is missing: the document must open with a '---' line" },
        { "---\nkind: a\n---x\n", 1, "is not closed: no '---' line ends it" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Both_paths_read_the_same_fields_and_body(string document, string fields, string body)
    {
        var raw = Encoding.UTF8.GetBytes(document);

        var kb = KbDocumentReader.Read(KbDocId.None, raw, null, "doc.md");
        var (signedFields, signedBody) = SignedFrontMatter.Parse(raw);

        Assert.Equal(fields, Flatten(kb.FrontMatter));
        Assert.Equal(fields, Flatten(signedFields));
        Assert.Equal(body, kb.Body);
        Assert.Equal(body, signedBody);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Both_paths_refuse_at_the_same_line_for_the_same_reason(string document, int line, string problem)
    {
        var raw = Encoding.UTF8.GetBytes(document);

        var kb = Assert.Throws<KbFrontMatterException>(() => KbDocumentReader.Read(KbDocId.None, raw, null, "doc.md"));
        var signed = Assert.Throws<FormatException>(() => SignedFrontMatter.Parse(raw));

        Assert.Equal((line, problem), (kb.Line, kb.FrontMatterProblem));
        Assert.Equal($"the document does not open with well-formed front matter: line {line}: front matter {problem}", signed.Message);
    }

    [Fact]
    public void Invalid_utf8_is_refused_by_both_paths_naming_the_line()
    {
        var raw = Encoding.UTF8.GetBytes("---\nkind: a\nb: x\n---\n").Concat(new byte[] { 0xFF, 0x0A }).ToArray();

        var kb = Assert.Throws<InvalidInputException>(() => KbDocumentReader.Read(KbDocId.None, raw, null, "doc.md"));
        var signed = Assert.Throws<FormatException>(() => SignedFrontMatter.Parse(raw));

        Assert.Equal("doc.md: line 5: invalid UTF-8 byte 0xFF at offset 21", kb.Message);
        Assert.Equal("the document is not valid UTF-8: line 5: invalid UTF-8 byte 0xFF at offset 21", signed.Message);
    }

    [Fact]
    public void A_signed_render_is_read_back_by_the_kb_reader()
    {
        var raw = SignedFrontMatter.Render([new("kind", "approval"), new("run_id", "r")], "Why.\r\nBecause.");

        var kb = KbDocumentReader.Read(KbDocId.None, raw, null, "doc.md");

        Assert.Equal("---\nkind: approval\nrun_id: r\n---\nWhy.\nBecause.\n", Encoding.UTF8.GetString(raw));
        Assert.Equal("kind=approval;run_id=r", Flatten(kb.FrontMatter));
        Assert.Equal("Why.\nBecause.\n", kb.Body);
    }

    private static string Flatten(IReadOnlyDictionary<string, string> fields) =>
        string.Join(';', fields.Select(f => $"{f.Key}={f.Value}"));
}
