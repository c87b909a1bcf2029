using System.CommandLine;
using Cutter.Cli.Output;
using Cutter.Orchestration.Audit;
using Cutter.Orchestration.State;
using Cutter.Store.Audit;
using Cutter.Verification;
using Npgsql;

namespace Cutter.Cli.Commands;

/// <summary>
/// `cutter audit verify [--config FILE]`: walks the hash chains of lifecycle_log, review_decision, phase_ledger
/// (on the read-only verify lane) and of the runs index under orchestrator.sidecar_root. Prints the chain heads and
/// exits 0, or prints the first break (chain, row, expected and found hash) and exits 4.
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var audit = new Command("audit", "Check the tamper-evident audit trail");
        audit.Subcommands.Add(Verify());
        return audit;
    }

    private static Command Verify()
    {
        var config = CommonOptions.Config();
        var command = new Command("verify", "Walk every audit hash chain; print the heads, or the first break (exit 4)");
        command.Options.Add(config);
        command.SetAction(async (parse, ct) =>
        {
            var target = VerificationTarget.Load(parse.GetValue(config));
            await using var connection = new NpgsqlConnection(target.VerifyConnectionString);
            await connection.OpenAsync(ct);
            var indexPath = string.IsNullOrWhiteSpace(target.Settings.SidecarRoot) ? null : new SidecarStore(target.Settings.SidecarRoot).IndexPath;
            var report = await ChainVerifier.VerifyAsync(connection, indexPath, ct);
            return JsonOutput.Result(parse, report.Verified ? ExitCodes.Ok : ExitCodes.ChecksFailed,
                () => new { report.Verified, report.Heads, report.FirstBreak },
                output =>
                {
                    foreach (var head in report.Heads) output.WriteLine(head);
                    if (report.FirstBreak is { } broken)
                    {
                        output.WriteLine();
                        output.WriteLine($"BROKEN {broken}");
                        return;
                    }
                    output.WriteLine("every chain verifies");
                });
        });
        return command;
    }
}
