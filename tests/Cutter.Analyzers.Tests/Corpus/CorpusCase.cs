namespace Cutter.Analyzers.Tests.Corpus;

/// <summary>One labelled corpus case: the expected rule (or "clean"), where the snippet goes, and the snippet.</summary>
internal sealed record CorpusCase(int Number, string Expected, string Kind, string Snippet)
{
    public const string Clean = "clean";

    public static IReadOnlyList<CorpusCase> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Corpus", "cases.tsv");
        var cases = new List<CorpusCase>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var columns = line.Split('\t');
            if (columns.Length != 3)
            {
                throw new InvalidDataException($"{path}: line '{line}' does not have 3 tab-separated columns");
            }
            cases.Add(new CorpusCase(cases.Count + 1, columns[0], columns[1], columns[2]));
        }
        return cases;
    }
}
