using Cutter.Domain;
using Cutter.Governance.Signatures;
using Cutter.Tests.Support;
using Mono.Unix.Native;
using Xunit;

namespace Cutter.Tests.Governance.Signatures;

/// <summary>A FIFO named as allowed_signers or as a signing key is refused at once, never waited on.</summary>
public sealed class KeyFileTypeTests
{
    private static readonly TimeSpan NoWait = TimeSpan.FromSeconds(20);

    private static string Fifo(TempFolder folder, string name)
    {
        var path = Path.Combine(folder.Path, name);
        Assert.Equal(0, Syscall.mkfifo(path, FilePermissions.S_IRUSR | FilePermissions.S_IWUSR));
        return path;
    }

    [Fact]
    public async Task A_fifo_named_as_allowed_signers_is_refused_without_waiting()
    {
        using var folder = new TempFolder();
        var path = Fifo(folder, "allowed_signers");

        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => Task.Run(() => AllowedSigners.Load(path)).WaitAsync(NoWait));

        Assert.Equal($"allowed_signers file '{path}': is a FIFO (named pipe), not a regular file: only regular files are read as documents", ex.Message);
    }

    [Fact]
    public async Task A_fifo_named_as_the_signing_key_is_refused_without_waiting()
    {
        using var folder = new TempFolder();
        var path = Fifo(folder, "id_ed25519");

        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => Task.Run(() => SshSigningKey.Load(path)).WaitAsync(NoWait));

        Assert.Contains("is a FIFO (named pipe), not a regular file", ex.Message, StringComparison.Ordinal);
    }
}
