using System.Text;
using CsCheck;
using Cutter.Cutting;
using Xunit;

namespace Cutter.Tests.Cutting;

/// <summary>
/// The same document typed in composed or decomposed Unicode, with CRLF or LF, with or without a UTF-8 byte-order
/// mark, cuts into the same tree with the same payload sha (issue 21). Documents mix Markdown and plain-line headings,
/// Vietnamese and English, clauses and points.
/// </summary>
public class UnicodeFormPropertyTests
{
    private static readonly string[] Words =
        ["Điều", "khoản", "điểm", "quyền", "nghĩa", "vụ", "Chương", "member", "council", "shall", "vote", "Mục", "đồng", "năm", "Tiểu", "Phần"];
    private static readonly Gen<string> Sentence = Gen.Int[0, Words.Length - 1].Array[1, 7].Select(ix => string.Join(' ', ix.Select(i => Words[i])));
    // An article: plain or Markdown heading, then 1..4 clauses (an article with none is an empty-article error), each with 0..3 points.
    private static readonly Gen<(bool Plain, string Title, (string Text, string[] Points)[] Clauses)> Article =
        Gen.Select(Gen.Bool, Sentence, Gen.Select(Sentence, Sentence.Array[0, 3]).Array[1, 4]);
    private static readonly Gen<(bool Plain, string Title, (string Text, string[] Points)[] Clauses)[]> Document = Article.Array[1, 5];
    private static readonly string[] Letters = ["a", "b", "c", "d", "đ", "e", "g", "h"];

    private static string Render((bool Plain, string Title, (string Text, string[] Points)[] Clauses)[] articles)
    {
        var body = new StringBuilder("Chương I\nNHỮNG QUY ĐỊNH CHUNG\n\n");
        for (var a = 0; a < articles.Length; a++)
        {
            var (plain, title, clauses) = articles[a];
            body.Append(plain ? "" : "## ").Append("Điều ").Append(a + 1).Append(". ").Append(title).Append("\n\n");
            for (var c = 0; c < clauses.Length; c++)
            {
                body.Append(c + 1).Append(". ").Append(clauses[c].Text).Append('\n');
                for (var p = 0; p < clauses[c].Points.Length; p++)
                {
                    body.Append(Letters[p]).Append(") ").Append(clauses[c].Points[p]).Append('\n');
                }
            }
            body.Append('\n');
        }
        return TestDocuments.Header() + body;
    }

    private static (string Tree, string Sha) Cut(byte[] raw)
    {
        var set = DocumentCutter.Cut(TestDocuments.FromBytes(raw), CuttingOptions.Default);
        var tree = string.Join('\n', set.Units.Select(u => $"{u.Address}|{u.Kind}|{u.ParentAddress}|{u.Heading}|{u.ContentSha256}|{u.SourceLine}"));
        return (tree, set.PayloadSha.ToString());
    }

    private static byte[] Variant(string text, bool decomposed, bool crlf, bool bom)
    {
        var form = decomposed ? text.Normalize(NormalizationForm.FormD) : text;
        var lines = crlf ? form.Replace("\n", "\r\n", StringComparison.Ordinal) : form;
        var bytes = Encoding.UTF8.GetBytes(lines);
        return bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes;
    }

    [Fact]
    public void NfdCrlfAndBomVariants_GiveTheSameTreeAndPayloadSha()
    {
        Gen.Select(Document, Gen.Bool, Gen.Bool, Gen.Bool).Sample((articles, decomposed, crlf, bom) =>
        {
            var text = Render(articles);
            var expected = Cut(Encoding.UTF8.GetBytes(text));
            var actual = Cut(Variant(text, decomposed, crlf, bom));
            Assert.Equal(expected.Tree, actual.Tree);
            Assert.Equal(expected.Sha, actual.Sha);
        }, iter: 200);
    }

    [Fact]
    public void EveryArticleAndKhoan_IsAUnit_WhateverTheForm()
    {
        Gen.Select(Document, Gen.Bool, Gen.Bool).Sample((articles, decomposed, crlf) =>
        {
            var set = DocumentCutter.Cut(TestDocuments.FromBytes(Variant(Render(articles), decomposed, crlf, bom: false)), CuttingOptions.Default);
            Assert.Equal(articles.Length, set.Units.Count(u => u.Kind == UnitKinds.Article));
            Assert.Equal(articles.Sum(a => a.Clauses.Length), set.Units.Count(u => u.Kind == UnitKinds.Clause));
            Assert.Equal(articles.Sum(a => a.Clauses.Sum(c => c.Points.Length)), set.Units.Count(u => u.Kind == UnitKinds.Point));
            Assert.All(set.Units.Where(u => u.Kind == UnitKinds.Article), u => Assert.Equal("ch-1", u.ParentAddress));
        }, iter: 200);
    }
}
