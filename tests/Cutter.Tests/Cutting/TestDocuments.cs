using System.Text;
using Cutter.Cutting;
using Cutter.Domain;
using Cutter.Knowledge;

namespace Cutter.Tests.Cutting;

/// <summary>Builds KB documents for tests. The front matter is 5 lines, so the body's first line is line 6.</summary>
internal static class TestDocuments
{
    public const int FirstBodyLine = 6;

    public static string Header(string id = "KB-7001", string code = "ICX-TEST") =>
        $"---\nid: {id}\ndocument_code: {code}\ntitle: Test\n---\n";

    public static KbDocument FromBody(string body, string id = "KB-7001") => FromBytes(Encoding.UTF8.GetBytes(Header(id) + body), id);

    public static KbDocument FromText(string text, string id = "KB-7001") => FromBytes(Encoding.UTF8.GetBytes(text), id);

    public static KbDocument FromBytes(byte[] raw, string id = "KB-7001") =>
        new(KbDocId.Parse(id), new Dictionary<string, string>(), "", raw, null);

    public static CandidateSet Cut(string body, CuttingOptions? options = null) =>
        DocumentCutter.Cut(FromBody(body), options ?? CuttingOptions.Default);

    public static KbDocument Corpus(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Corpus", fileName);
        var raw = File.ReadAllBytes(path);
        return KbDocumentReader.Read(KbDocId.Parse(ReadId(raw)), raw, null, fileName);
    }

    public static CutPlanInvalidException CutExpectingErrors(KbDocument document, CuttingOptions? options = null) =>
        Xunit.Assert.Throws<CutPlanInvalidException>(() => DocumentCutter.Cut(document, options ?? CuttingOptions.Default));

    /// <summary>The repository root, found from the test output folder (docs are checked against the code).</summary>
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Cutter.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Cutter.sln not found above " + AppContext.BaseDirectory);
    }

    private static string ReadId(byte[] raw)
    {
        var text = Encoding.UTF8.GetString(raw);
        var split = KbFrontMatter.Split(text, "corpus");
        return KbFrontMatter.Parse(split.Yaml, "corpus", split.YamlFirstLine)["id"];
    }
}
