using Cutter.Infrastructure;

namespace Cutter.Governance.Backup;

/// <summary>Runs gpg non-interactively (<c>--batch</c>), against the configured GNUPGHOME when there is one.</summary>
internal sealed class GpgTool
{
    private const string Program = "gpg";
    private readonly string _path;
    private readonly Dictionary<string, string?> _environment = new(StringComparer.Ordinal);

    public GpgTool(string? gpgHome)
    {
        _path = ProcessRunner.FindExecutable(Program)
            ?? throw new BackupException("tool lookup", $"'{Program}' is not on PATH; install GnuPG (gpg 2.x)");
        if (gpgHome is not null) _environment["GNUPGHOME"] = gpgHome;
    }

    public Task<ProcessResult> RunAsync(IEnumerable<string> arguments, CancellationToken ct) =>
        ProcessRunner.RunAsync(_path, ["--batch", "--no-tty", .. arguments], _environment, cancellationToken: ct);
}
