using System.Text;
using Cutter.Domain;
using Cutter.Knowledge;
using Mono.Unix.Native;
using Xunit;

namespace Cutter.Tests.Knowledge;

/// <summary>
/// Only regular files are read as documents. Each read runs under a timeout: before the check, opening a FIFO
/// blocked until a writer came, so a regression fails here instead of hanging the suite.
/// </summary>
public sealed class DocumentFileTests : IDisposable
{
    private static readonly TimeSpan NoWait = TimeSpan.FromSeconds(20);
    private readonly string _root = Directory.CreateTempSubdirectory("cutter-docfile-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Fifo(string name)
    {
        var path = Path.Combine(_root, name);
        Assert.Equal(0, Syscall.mkfifo(path, FilePermissions.S_IRUSR | FilePermissions.S_IWUSR));
        return path;
    }

    private static async Task<T> RefusedWithin<T>(Func<Task> read) where T : Exception =>
        await Assert.ThrowsAsync<T>(() => Task.Run(read).WaitAsync(NoWait));

    [Fact]
    public async Task A_fifo_named_as_a_kb_document_is_refused_without_waiting()
    {
        Fifo("KB-7.md");
        var kb = new FolderKnowledgeBase(_root);

        var ex = await RefusedWithin<InvalidInputException>(() => kb.GetAsync(KbDocId.Parse("KB-7")));

        Assert.Equal("KB-7.md: is a FIFO (named pipe), not a regular file: only regular files are read as documents", ex.Message);
    }

    [Fact]
    public async Task A_fifo_named_as_a_signature_is_refused_without_waiting()
    {
        File.WriteAllBytes(Path.Combine(_root, "KB-8.md"), Encoding.UTF8.GetBytes("---\ntitle: t\n---\nBody.\n"));
        Fifo("KB-8.md.sig");
        var kb = new FolderKnowledgeBase(_root);

        var ex = await RefusedWithin<InvalidInputException>(() => kb.GetAsync(KbDocId.Parse("KB-8")));

        Assert.Equal("KB-8.md.sig: is a FIFO (named pipe), not a regular file: only regular files are read as documents", ex.Message);
    }

    [Fact]
    public async Task A_fifo_named_as_a_draft_is_refused_without_waiting()
    {
        var path = Fifo("draft.md");

        var ex = await RefusedWithin<InvalidInputException>(() => Task.FromResult(KbDocumentReader.ReadFile(path, 1024)));

        Assert.Equal($"{path}: is a FIFO (named pipe), not a regular file: only regular files are read as documents", ex.Message);
    }

    [Fact]
    public void A_regular_file_is_read_whole_and_an_oversized_one_refused()
    {
        var path = Path.Combine(_root, "draft.md");
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes("---\nid: KB-12\n---\nBody.\n"));

        Assert.Equal("Body.\n", KbDocumentReader.ReadFile(path, 1024).Body);
        var ex = Assert.Throws<InvalidInputException>(() => KbDocumentReader.ReadFile(path, 10));
        Assert.Equal($"{path}: is 24 bytes; the limit is 10: raise orchestrator.max_document_bytes to allow more", ex.Message);
    }
}
