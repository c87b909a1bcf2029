using Cutter.Domain;
using Cutter.Infrastructure;
using Cutter.Orchestration.Prechecks;
using Xunit;

namespace Cutter.Tests.Orchestration.Prechecks;

public sealed class ReleaseManifestTests
{
    [Fact]
    public async Task Manifest_is_what_sha256sum_prints_and_sha256sum_accepts_it()
    {
        using var release = new TempDirectory();
        release.File("bin/cutter.dll", "binary one");
        release.File("etc/cutter.json", "{}");
        release.File(".hidden", "dot file");

        var manifest = ReleaseManifest.Create(release.Path);

        Assert.Equal([".hidden", "bin/cutter.dll", "etc/cutter.json"], manifest.Entries.Keys);
        Assert.Equal(Sha256Hex.Of("binary one"), manifest.Entries["bin/cutter.dll"]);
        var printed = await ProcessRunner.RunAsync("sha256sum", [".hidden", "bin/cutter.dll", "etc/cutter.json"], workingDirectory: release.Path);
        Assert.Equal(printed.StandardOutput, manifest.Render());
        var manifestFile = Path.Combine(release.Path, "MANIFEST.sha256");
        ReleaseManifest.Write(release.Path, manifestFile);
        var check = await ProcessRunner.RunAsync("sha256sum", ["--strict", "-c", "MANIFEST.sha256"], workingDirectory: release.Path);
        Assert.True(check.Succeeded, check.StandardError);
    }

    [Fact]
    public void Compare_names_every_missing_changed_and_added_file()
    {
        using var release = new TempDirectory();
        release.File("a.txt", "a");
        release.File("sub/b.txt", "b");
        release.File("c.txt", "c");
        var manifest = ReleaseManifest.Create(release.Path);

        File.Delete(Path.Combine(release.Path, "a.txt"));
        release.File("sub/b.txt", "b changed");
        release.File("sub/.new", "added");

        Assert.Equal(
            [new("a.txt", ReleaseDifferenceKind.Missing), new("sub/.new", ReleaseDifferenceKind.Added), new ReleaseDifference("sub/b.txt", ReleaseDifferenceKind.Changed)],
            manifest.Compare(release.Path));
    }

    [Fact]
    public void Manifest_written_inside_the_folder_does_not_list_itself()
    {
        using var release = new TempDirectory();
        release.File("a.txt", "a");
        var manifestFile = Path.Combine(release.Path, "MANIFEST.sha256");

        var manifest = ReleaseManifest.Write(release.Path, manifestFile);

        Assert.Equal(["a.txt"], manifest.Entries.Keys);
        Assert.Empty(ReleaseManifest.Read(manifestFile).Compare(release.Path, excludeFile: manifestFile));
    }

    [Theory]
    [InlineData("not a manifest line", "m.sha256 line 2: is not '<sha256>  <relative path>'")]
    [InlineData("{0}  ../etc/passwd", "m.sha256 line 2: path '../etc/passwd' must be relative to the release folder, without '.' or '..' parts")]
    [InlineData("{0}  /etc/passwd", "m.sha256 line 2: path '/etc/passwd' must be relative to the release folder, without '.' or '..' parts")]
    [InlineData("{0}  a.txt", "m.sha256 line 2: path 'a.txt' is listed twice")]
    public void Malformed_manifest_line_is_rejected_naming_file_and_line(string secondLine, string expected)
    {
        var sha = Sha256Hex.Of("a").Value;
        var text = $"{sha}  a.txt\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, secondLine, sha) + "\n";

        var error = Assert.Throws<InvalidInputException>(() => ReleaseManifest.Parse(text, "m.sha256"));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Binary_mode_lines_and_upper_case_hashes_are_accepted()
    {
        var sha = Sha256Hex.Of("a").Value;

        var manifest = ReleaseManifest.Parse($"{sha.ToUpperInvariant()} *a.txt\r\n", "m.sha256");

        Assert.Equal(Sha256Hex.Parse(sha), manifest.Entries["a.txt"]);
    }
}
