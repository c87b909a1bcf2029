using Cutter.Configuration;
using Cutter.Orchestration.Prechecks;
using Xunit;

namespace Cutter.Tests.Orchestration.Prechecks;

public sealed class InstallPathsCheckTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly string _release;
    private readonly string _manifest;
    private readonly string _install;

    public InstallPathsCheckTests()
    {
        _install = Path.Combine(_root.Path, "opt/cutter-v0.6");
        Directory.CreateDirectory(_install);
        _release = Path.Combine(_root.Path, "opt/cutter-v0.4");
        _root.File("opt/cutter-v0.4/bin/cutter.dll", "v0.4 binary");
        _root.File("opt/cutter-v0.4/etc/cutter.json", "{}");
        _manifest = Path.Combine(_root.Path, "v0.4.sha256");
        ReleaseManifest.Write(_release, _manifest);
    }

    public void Dispose() => _root.Dispose();

    private OrchestratorSettings Settings(params string[] required) => new()
    {
        RequiredPaths = [.. required],
        PreviousReleaseDir = _release,
        PreviousReleaseManifest = _manifest,
    };

    private static Task<PrecheckResult> RunAsync(OrchestratorSettings settings) =>
        new InstallPathsCheck().RunAsync(PrecheckContexts.For(settings), CancellationToken.None);

    [Fact]
    public async Task Present_paths_and_intact_release_pass()
    {
        var result = await RunAsync(Settings(_install, _manifest));

        Assert.Equal(PrecheckVerdict.Passed, result.Verdict);
        Assert.Equal($"2 required path(s) present; previous release {_release} intact (2 files)", result.Reason);
    }

    [Fact]
    public async Task Missing_required_path_fails_naming_it()
    {
        var gone = Path.Combine(_root.Path, "var/lib/cutter/runs");

        var result = await RunAsync(Settings(_install, gone));

        Assert.Equal(PrecheckVerdict.Failed, result.Verdict);
        Assert.Equal($"required path(s) missing: {gone}", result.Reason);
        Assert.Equal([$"missing required path {gone}"], result.Details);
    }

    [Fact]
    public async Task Tampered_previous_release_fails_naming_each_file()
    {
        _root.File("opt/cutter-v0.4/bin/cutter.dll", "patched");
        _root.File("opt/cutter-v0.4/bin/extra.so", "dropped in");
        File.Delete(Path.Combine(_release, "etc/cutter.json"));

        var result = await RunAsync(Settings(_install));

        Assert.Equal(PrecheckVerdict.Failed, result.Verdict);
        Assert.Equal($"previous release {_release} differs from {_manifest} in 3 file(s): changed bin/cutter.dll, added bin/extra.so, missing etc/cutter.json", result.Reason);
        Assert.Equal(["changed bin/cutter.dll", "added bin/extra.so", "missing etc/cutter.json"], result.Details);
    }

    [Fact]
    public async Task Many_differences_are_summarised_in_the_reason_and_all_listed_in_details()
    {
        for (var i = 0; i < 7; i++) _root.File($"opt/cutter-v0.4/new{i}.txt", "x");

        var result = await RunAsync(Settings(_install));

        Assert.Equal($"previous release {_release} differs from {_manifest} in 7 file(s): added new0.txt, added new1.txt, added new2.txt, added new3.txt, added new4.txt and 2 more", result.Reason);
        Assert.Equal(7, result.Details.Count);
    }

    [Fact]
    public async Task Missing_manifest_fails_naming_it()
    {
        var settings = Settings(_install);
        settings.PreviousReleaseManifest = Path.Combine(_root.Path, "nowhere.sha256");

        var result = await RunAsync(settings);

        Assert.Equal($"{settings.PreviousReleaseManifest}: manifest file does not exist", result.Reason);
    }

    [Fact]
    public async Task Unconfigured_paths_fail()
    {
        var result = await RunAsync(new OrchestratorSettings());

        Assert.Equal(PrecheckVerdict.Failed, result.Verdict);
        Assert.Equal("orchestrator.required_paths is empty; orchestrator.previous_release_dir is not set", result.Reason);
    }
}
