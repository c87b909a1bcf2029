using System.Text;
using CsCheck;
using Cutter.Cutting;
using Xunit;

namespace Cutter.Tests.Cutting;

/// <summary>Properties of the payload sha over generated documents: articles of numbered clauses.</summary>
public class PayloadShaPropertyTests
{
    private static readonly string[] Words = ["rule", "member", "council", "shall", "vote", "record", "Điều", "đồng", "năm", "year"];
    private static readonly Gen<string> Word = Gen.Int[0, Words.Length - 1].Select(i => Words[i]);
    private static readonly Gen<string> Sentence = Word.Array[1, 6].Select(words => string.Join(' ', words));
    private static readonly Gen<string[][]> Articles = Sentence.Array[1, 4].Array[1, 5];

    private static string Render(string[][] articles, string newline = "\n", Func<int, string>? trailing = null)
    {
        var builder = new StringBuilder(TestDocuments.Header().Replace("\n", newline, StringComparison.Ordinal));
        var line = 0;
        void Line(string text) => builder.Append(text).Append(trailing?.Invoke(line++) ?? "").Append(newline);
        for (var a = 0; a < articles.Length; a++)
        {
            Line($"## Article {a + 1}");
            Line("");
            for (var c = 0; c < articles[a].Length; c++)
            {
                Line($"{c + 1}. {articles[a][c]}");
            }
            Line("");
        }
        return builder.ToString();
    }

    private static string Sha(string text) => DocumentCutter.Cut(TestDocuments.FromText(text), CuttingOptions.Default).PayloadSha.ToString();

    [Fact]
    public void PayloadSha_IsDeterministic()
    {
        Articles.Sample(articles =>
        {
            var text = Render(articles);
            Assert.Equal(Sha(text), Sha(new string(text.AsSpan())));
        }, iter: 200);
    }

    [Fact]
    public void PayloadSha_IgnoresCrlfAndTrailingWhitespace()
    {
        Gen.Select(Articles, Gen.Int[0, 3].Array[200], Gen.Bool).Sample((articles, pads, crlf) =>
        {
            var noisy = Render(articles, crlf ? "\r\n" : "\n", i => new string(i % 2 == 0 ? ' ' : '\t', pads[i % pads.Length]));
            Assert.Equal(Sha(Render(articles)), Sha(noisy));
        }, iter: 200);
    }

    [Fact]
    public void PayloadSha_ChangesWhenAnyUnitTextChanges()
    {
        Gen.Select(Articles, Gen.Int, Gen.Int, Word).Sample((articles, a, c, word) =>
        {
            var changed = articles.Select(x => (string[])x.Clone()).ToArray();
            var ai = (int)((uint)a % changed.Length);
            var ci = (int)((uint)c % changed[ai].Length);
            changed[ai][ci] += " " + word;
            Assert.NotEqual(Sha(Render(articles)), Sha(Render(changed)));
        }, iter: 200);
    }

    [Fact]
    public void PayloadSha_ChangesWhenUnitOrderChanges()
    {
        Articles.Where(a => a.Length >= 2 && string.Join('|', a[0]) != string.Join('|', a[1])).Sample(articles =>
        {
            var swapped = (string[][])articles.Clone();
            (swapped[0], swapped[1]) = (swapped[1], swapped[0]);
            Assert.NotEqual(Sha(Render(articles)), Sha(Render(swapped)));
        }, iter: 200);
    }
}
