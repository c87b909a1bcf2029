using Cutter.Cli;
using Cutter.Infrastructure;
using Cutter.Tests.Support;
using Xunit;

namespace Cutter.Tests.Cli;

/// <summary>
/// Output to a file system that fills up mid-write, through the real `cutter` process: a 16 KiB tmpfs mounted for the
/// test (the tests run as root), too small for the manifest of a 400-file release.
/// </summary>
public sealed class FullDiskTests : IAsyncLifetime
{
    private readonly TempFolder _dir = new();
    private string Mount => Path.Combine(_dir.Path, "small");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Mount);
        var mounted = await ProcessRunner.RunAsync("mount", ["-t", "tmpfs", "-o", "size=16k", "tmpfs", Mount], new Dictionary<string, string?>(), _dir.Path);
        Assert.True(mounted.Succeeded, $"mounting a 16 KiB tmpfs needs root: {mounted.StandardError}");
    }

    public async Task DisposeAsync()
    {
        await ProcessRunner.RunAsync("umount", [Mount], new Dictionary<string, string?>(), _dir.Path);
        _dir.Dispose();
    }

    [Fact]
    public async Task Release_manifest_written_to_a_file_system_that_fills_up_exits_6_naming_the_file()
    {
        var release = Directory.CreateDirectory(Path.Combine(_dir.Path, "release")).FullName;
        for (var i = 0; i < 400; i++) File.WriteAllText(Path.Combine(release, $"lib{i:000}.dll"), $"v{i}");
        var output = Path.Combine(Mount, "previous-release.sha256");

        var result = await CutterProcess.RunAsync(new Dictionary<string, string?>(), _dir.Path, "release-manifest", release, "--output", output);

        Assert.Equal(ExitCodes.IoError, result.ExitCode);
        Assert.Equal($"error: No space left on device : '{output}' (disk full: free space or write elsewhere)\n", result.StandardError);
    }

    [Fact]
    public async Task The_same_manifest_fits_once_the_release_is_small()
    {
        // The refusal above is the full disk, not the mount: a small manifest is written there.
        var release = Directory.CreateDirectory(Path.Combine(_dir.Path, "release")).FullName;
        File.WriteAllText(Path.Combine(release, "cutter.dll"), "v1");
        var output = Path.Combine(Mount, "previous-release.sha256");

        var result = await CutterProcess.RunAsync(new Dictionary<string, string?>(), _dir.Path, "release-manifest", release, "--output", output);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.StandardError);
        Assert.Equal($"3bfc269594ef649228e9a74bab00f042efc91d5acc6fbee31a382e80d42388fe  cutter.dll\n", File.ReadAllText(output));
    }
}
