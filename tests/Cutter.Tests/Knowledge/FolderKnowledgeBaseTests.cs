using System.Text;
using Cutter.Domain;
using Cutter.Knowledge;
using Xunit;

namespace Cutter.Tests.Knowledge;

public sealed class FolderKnowledgeBaseTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cutter-kb-").FullName;
    private readonly string _outside = Directory.CreateTempSubdirectory("cutter-outside-").FullName;

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    private static byte[] Doc(string title, string body = "Body.\n") =>
        Encoding.UTF8.GetBytes(KbFrontMatter.Render([new("title", title), new("kind", "report")]) + body);

    private string[] KbFiles() => Directory.GetFiles(_root, "KB-*").Select(Path.GetFileName).Order().ToArray()!;

    [Fact]
    public async Task Create_ThenGet_ReturnsTheExactBytes_AndParsedFrontMatter()
    {
        var kb = new FolderKnowledgeBase(_root);
        File.WriteAllBytes(Path.Combine(_root, "KB-2186.md"), Doc("existing"));

        var id = await kb.CreateAsync(Doc("Phase 3 report"), "run-1/phase-3");
        var doc = await kb.GetAsync(id);

        Assert.Equal("KB-2187", id.Value);
        Assert.Equal(Doc("Phase 3 report"), doc.Raw);
        Assert.Equal("Phase 3 report", doc.FrontMatter["title"]);
        Assert.Equal("Body.\n", doc.Body);
        Assert.Null(doc.Signature);
    }

    [Fact]
    public async Task Create_WithTheSameIdempotencyKey_ReturnsTheFirstId_AndWritesNothingMore()
    {
        var kb = new FolderKnowledgeBase(_root);

        var first = await kb.CreateAsync(Doc("a"), "run-1/sg1");
        var again = await new FolderKnowledgeBase(_root).CreateAsync(Doc("a, resumed"), "run-1/sg1");
        var other = await kb.CreateAsync(Doc("b"), "run-1/sg2");

        Assert.Equal(first, again);
        Assert.Equal("KB-2", other.Value);
        Assert.Equal(["KB-1.md", "KB-2.md"], KbFiles());
        var keyFile = Path.Combine(_root, ".idempotency", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("run-1/sg1"))));
        Assert.Equal("KB-1\n", File.ReadAllText(keyFile));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(_root, ".idempotency")).Length);
    }

    [Fact]
    public async Task A_KB_indexed_before_answers_its_keys_from_the_old_index_file_and_never_rewrites_it()
    {
        File.WriteAllBytes(Path.Combine(_root, "KB-7.md"), Doc("sg1 of an earlier run"));
        var legacy = "{\n  \"run-0/sg1\": \"KB-7\"\n}";
        File.WriteAllText(Path.Combine(_root, ".idempotency-index.json"), legacy);
        var kb = new FolderKnowledgeBase(_root);

        var again = await kb.CreateAsync(Doc("sg1 of an earlier run, resumed"), "run-0/sg1");
        var next = await kb.CreateAsync(Doc("new"), "run-1/sg1");

        Assert.Equal(("KB-7", "KB-8"), (again.Value, next.Value));
        Assert.Equal(legacy, File.ReadAllText(Path.Combine(_root, ".idempotency-index.json")));

        File.WriteAllText(Path.Combine(_root, ".idempotency-index.json"), "[1, 2]");
        var broken = await Assert.ThrowsAsync<InvalidInputException>(() => new FolderKnowledgeBase(_root).CreateAsync(Doc("other"), "run-2/sg1"));
        Assert.Contains("the idempotency index is not a JSON object of strings", broken.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentWriters_NeverShareAnId()
    {
        var writers = Enumerable.Range(0, 12)
            .Select(i => Task.Run(() => new FolderKnowledgeBase(_root).CreateAsync(Doc($"doc {i}"), $"key-{i}")))
            .ToArray();

        var ids = await Task.WhenAll(writers);

        Assert.Equal(12, ids.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 12).Select(n => $"KB-{n}"), (await new FolderKnowledgeBase(_root).ListAsync()).Select(i => i.Value));
    }

    [Fact]
    public async Task Create_MalformedDocument_IsRefused_AndNothingIsWritten()
    {
        var kb = new FolderKnowledgeBase(_root);

        var ex = await Assert.ThrowsAsync<KbFrontMatterException>(() => kb.CreateAsync(Encoding.UTF8.GetBytes("---\na: &x 1\n---\n"), "k"));

        Assert.Equal(2, ex.Line);
        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public async Task List_IsInNumericOrder()
    {
        foreach (var n in new[] { 10, 9, 100 })
        {
            File.WriteAllBytes(Path.Combine(_root, $"KB-{n}.md"), Doc("x"));
        }
        File.WriteAllText(Path.Combine(_root, "notes.md"), "not a KB doc");

        var ids = await new FolderKnowledgeBase(_root).ListAsync();

        Assert.Equal(["KB-9", "KB-10", "KB-100"], ids.Select(i => i.Value));
    }

    [Fact]
    public async Task Signature_IsStoredBesideTheDocument_AndReadBack()
    {
        var kb = new FolderKnowledgeBase(_root);
        var id = await kb.CreateAsync(Doc("approval"), "k");

        await kb.PutSignatureAsync(id, "-----BEGIN SSH SIGNATURE-----\nabc\n-----END SSH SIGNATURE-----\n");

        Assert.Equal("-----BEGIN SSH SIGNATURE-----\nabc\n-----END SSH SIGNATURE-----\n", (await kb.GetAsync(id)).Signature);
        Assert.True(File.Exists(Path.Combine(_root, "KB-1.md.sig")));
        await Assert.ThrowsAsync<KbDocumentNotFoundException>(() => kb.PutSignatureAsync(KbDocId.Parse("KB-99"), "sig"));
    }

    [Fact]
    public async Task MissingDocument_IsNotFound()
    {
        var ex = await Assert.ThrowsAsync<KbDocumentNotFoundException>(() => new FolderKnowledgeBase(_root).GetAsync(KbDocId.Parse("KB-5")));

        Assert.Equal("KB document KB-5 does not exist", ex.Message);
        Assert.False(await new FolderKnowledgeBase(_root).ExistsAsync(KbDocId.Parse("KB-5")));
    }

    [Theory]
    [InlineData("../KB-1.md")]
    [InlineData("/etc/passwd")]
    [InlineData("sub/KB-1.md")]
    [InlineData("..")]
    public async Task FileNames_LeavingTheFolder_AreRefused(string fileName)
    {
        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => new FolderKnowledgeBase(_root).GetByFileNameAsync(fileName));

        Assert.Equal("KB file name", ex.Input);
        Assert.Contains($"'{fileName}' must be a plain file name inside the KB folder", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../KB-1")]
    [InlineData("KB-1/../../etc")]
    [InlineData("/KB-1")]
    public void KbIds_LeavingTheFolder_CannotBeBuilt(string id)
    {
        var ex = Assert.Throws<InvalidInputException>(() => KbDocId.Parse(id));

        Assert.Equal("KB document id", ex.Input);
    }

    [Fact]
    public async Task SymlinkPointingOutside_IsRefused_AndOneInsideIsFollowed()
    {
        var outsideFile = Path.Combine(_outside, "secret.md");
        File.WriteAllBytes(outsideFile, Doc("outside"));
        File.CreateSymbolicLink(Path.Combine(_root, "KB-3.md"), outsideFile);
        File.WriteAllBytes(Path.Combine(_root, "KB-1.md"), Doc("inside"));
        File.CreateSymbolicLink(Path.Combine(_root, "KB-2.md"), Path.Combine(_root, "KB-1.md"));
        var kb = new FolderKnowledgeBase(_root);

        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => kb.GetAsync(KbDocId.Parse("KB-3")));

        Assert.Equal($"KB file name: 'KB-3.md' is a symbolic link to '{outsideFile}', outside the KB folder {kb.Root}", ex.Message);
        Assert.Equal("inside", (await kb.GetAsync(KbDocId.Parse("KB-2"))).FrontMatter["title"]);
    }

    [Fact]
    public async Task DocumentOverTheSizeLimit_IsRefused_BeforeItIsRead()
    {
        File.WriteAllBytes(Path.Combine(_root, "KB-1.md"), Doc("big", new string('x', 500)));

        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => new FolderKnowledgeBase(_root, maxDocumentBytes: 100).GetAsync(KbDocId.Parse("KB-1")));

        Assert.Equal("KB-1.md", ex.Input);
        Assert.EndsWith("bytes; the limit is 100: raise orchestrator.max_document_bytes to allow more", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidUtf8_IsRefused_WithItsLine()
    {
        File.WriteAllBytes(Path.Combine(_root, "KB-1.md"), [.. Doc("t"), 0xC3, 0x28, 0x0A]);

        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => new FolderKnowledgeBase(_root).GetAsync(KbDocId.Parse("KB-1")));

        Assert.Equal("KB-1.md", ex.Input);
        Assert.StartsWith("line 6: invalid UTF-8 byte 0xC3", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRoot_IsRefused()
    {
        var ex = Assert.Throws<InvalidInputException>(() => new FolderKnowledgeBase(Path.Combine(_root, "nope")));

        Assert.Equal("KB root", ex.Input);
    }
}
