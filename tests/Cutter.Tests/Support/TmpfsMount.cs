using Cutter.Infrastructure;

namespace Cutter.Tests.Support;

/// <summary>
/// A small tmpfs mounted over a folder (the tests run as root, and chmod does not stop root: a read-only or full
/// file system does), so a test can make the folder full or read-only for real. Unmounted at dispose.
/// </summary>
public sealed class TmpfsMount : IAsyncDisposable
{
    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    public string FillFile => System.IO.Path.Combine(Path, Rehearsal.FaultInjection.FillFileName);

    public static async Task<TmpfsMount> MountAsync(string path, int sizeKb)
    {
        Directory.CreateDirectory(path);
        await RunAsync("mount", "-t", "tmpfs", "-o", $"size={sizeKb}k,mode=0755", "tmpfs", path);
        return new TmpfsMount(path);
    }

    public Task RemountReadOnlyAsync() => RunAsync("mount", "-o", "remount,ro", Path);

    public Task RemountReadWriteAsync() => RunAsync("mount", "-o", "remount,rw", Path);

    /// <summary>Writes <see cref="FillFile"/> until the file system is full.</summary>
    public void Fill()
    {
        var block = new byte[64 * 1024];
        try
        {
            using var stream = new FileStream(FillFile, FileMode.Append, FileAccess.Write);
            while (true)
            {
                stream.Write(block);
                stream.Flush(flushToDisk: true);
            }
        }
        catch (IOException)
        {
            // Full.
        }
    }

    public void Free() => File.Delete(FillFile);

    public async ValueTask DisposeAsync()
    {
        // Lazy: a process of the test that still has a file open there does not keep the mount.
        await ProcessRunner.RunAsync("umount", ["-l", Path]);
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(program, arguments);
        if (!result.Succeeded) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {result.ExitCode}: {result.StandardError}");
    }
}
