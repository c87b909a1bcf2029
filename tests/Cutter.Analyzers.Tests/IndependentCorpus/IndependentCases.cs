using Cutter.Analyzers.Tests.Corpus;

namespace Cutter.Analyzers.Tests.IndependentCorpus;

/// <summary>
/// The independent corpus: every category's cases, numbered, each remembering its category. Generated at run time
/// from fixed seeds (no secret-shaped literal is committed) by code that shares no table with the rules.
/// </summary>
internal sealed class IndependentCases
{
    private IndependentCases(IReadOnlyList<CorpusCase> cases, IReadOnlyDictionary<CorpusCase, string> categories)
    {
        Cases = cases;
        Categories = categories;
    }

    public IReadOnlyList<CorpusCase> Cases { get; }

    public IReadOnlyDictionary<CorpusCase, string> Categories { get; }

    public static IReadOnlyList<ShapeCategory> AllCategories { get; } =
        [.. CredentialShapes.All, .. RuntimeIdShapes.All, .. LookalikeShapes.All];

    public static IndependentCases Generate()
    {
        var cases = new List<CorpusCase>();
        var categories = new Dictionary<CorpusCase, string>();
        var seed = 1;
        foreach (var category in AllCategories)
        {
            for (var i = 0; i < ShapeCategory.CasesPerCategory; i++)
            {
                var (kind, snippet) = category.Write(new ShapeRandom(seed++), i);
                var @case = new CorpusCase(cases.Count + 1, category.Expected, kind, snippet);
                cases.Add(@case);
                categories[@case] = category.Name;
            }
        }
        return new IndependentCases(cases, categories);
    }
}
