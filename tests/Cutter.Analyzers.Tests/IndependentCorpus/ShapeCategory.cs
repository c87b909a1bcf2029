namespace Cutter.Analyzers.Tests.IndependentCorpus;

/// <summary>
/// One category of the independent corpus: a name, the rule every case must raise (or "clean"), and how to write
/// its i-th case (where the snippet goes, and the snippet) from a seeded random source.
/// </summary>
internal sealed record ShapeCategory(string Name, string Expected, Func<ShapeRandom, int, (string Kind, string Snippet)> Write)
{
    public const int CasesPerCategory = 15;
}
