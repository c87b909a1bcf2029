using System.Net;

namespace Cutter.Orchestration.Prechecks;

/// <summary>
/// The run executes on the machine configuration names (<c>orchestrator.expected_host</c>). Names compare
/// case-insensitively. A short expected name (no dot) is compared with the machine's short name, the first label
/// of its host name, so <c>db1</c> matches a machine called <c>db1.example.org</c>; a fully qualified expected name
/// must equal the machine's full host name, so it fails on a machine whose host name is only short.
/// </summary>
internal sealed class HostIdentityCheck : IPrecheck
{
    public const string CheckName = "host_identity";

    public string Name => CheckName;

    /// <summary>The machine's host name as the kernel reports it (what <c>hostname</c> prints), not a DNS lookup.</summary>
    public static string MachineHostName() => Dns.GetHostName();

    public Task<PrecheckResult> RunAsync(PrecheckContext context, CancellationToken cancellationToken)
    {
        var expected = context.Settings.ExpectedHost.Trim();
        var actual = context.HostName.Trim();
        if (expected.Length == 0)
        {
            return Task.FromResult(PrecheckResult.Fail(Name, "orchestrator.expected_host is not set"));
        }
        if (actual.Length == 0)
        {
            return Task.FromResult(PrecheckResult.Fail(Name, "this machine reports no host name"));
        }

        var qualified = expected.Contains('.', StringComparison.Ordinal);
        var compared = qualified ? actual : ShortName(actual);
        if (string.Equals(compared, expected, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(PrecheckResult.Pass(Name, $"host '{actual}' matches expected_host '{expected}'"));
        }
        var hint = qualified && !actual.Contains('.', StringComparison.Ordinal)
            ? " (expected_host is fully qualified but this machine's host name is short)"
            : "";
        return Task.FromResult(PrecheckResult.Fail(Name, $"this machine is '{actual}', expected_host is '{expected}'{hint}"));
    }

    private static string ShortName(string hostName)
    {
        var dot = hostName.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? hostName : hostName[..dot];
    }
}
