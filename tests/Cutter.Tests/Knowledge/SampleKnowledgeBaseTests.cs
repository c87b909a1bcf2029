using Cutter.Rehearsal.Seeding;
using Cutter.Domain;
using Cutter.Knowledge;
using Xunit;

namespace Cutter.Tests.Knowledge;

public sealed class SampleKnowledgeBaseTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cutter-samples-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task WriteTo_CopiesEverySample_ReadableThroughTheFolderKb()
    {
        var ids = SampleKnowledgeBase.WriteTo(_root);

        Assert.Equal(["KB-2001", "KB-2002", "KB-2003", "KB-2186"], ids.Select(i => i.Value));
        var target = await new FolderKnowledgeBase(_root).GetAsync(KbDocId.Parse("KB-2186"));
        Assert.Equal("ICX-CHARTER-2026", target.FrontMatter["document_code"]);
        Assert.Equal(SampleKnowledgeBase.Read("KB-2186.md"), target.Raw);
        Assert.Equal(ids, SampleKnowledgeBase.WriteTo(_root)); // idempotent on identical bytes
    }

    [Fact]
    public void WriteTo_RefusesToOverwriteAnEditedDocument()
    {
        File.WriteAllText(Path.Combine(_root, "KB-2001.md"), "edited");

        var ex = Assert.Throws<InvalidInputException>(() => SampleKnowledgeBase.WriteTo(_root));

        Assert.Equal("exists with other content; refusing to overwrite it with the sample", ex.Problem);
        Assert.Equal("edited", File.ReadAllText(Path.Combine(_root, "KB-2001.md")));
    }
}
