using System.CommandLine;
using Cutter.Cli.Output;
using Cutter.Governance.Signatures;
using Cutter.Orchestration.Audit;
using Cutter.Orchestration.State;
using Cutter.Store.Audit;
using Cutter.Verification;
using Npgsql;

namespace Cutter.Cli.Commands;

/// <summary>
/// `cutter audit verify [--config FILE]`: walks the hash chains of lifecycle_log, review_decision, phase_ledger
/// (on the read-only verify lane) and of the runs index under orchestrator.sidecar_root, then re-verifies every stored
/// decision's signed evidence against orchestrator.allowed_signers_file and that every governed deletion rests on a
/// valid SG_3 decision (<see cref="EvidenceVerifier"/>). Prints the chain heads and the evidence summary and exits 0,
/// or prints the first break (chain, row, expected and found hash) and each evidence failure by name, and exits 4.
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
            var evidence = await EvidenceVerifier.VerifyAsync(connection, AllowedSigners.Load(target.Settings.AllowedSignersFile), ct);
            var verified = report.FirstBreak is null && evidence.Passed;
            return JsonOutput.Result(parse, verified ? ExitCodes.Ok : ExitCodes.ChecksFailed,
                () => new { Verified = verified, report.Heads, report.FirstBreak, Evidence = new { evidence.Passed, evidence.Summary, evidence.Failures } },
                output =>
                {
                    foreach (var head in report.Heads) output.WriteLine(head);
                    output.WriteLine(evidence.Summary);
                    if (report.FirstBreak is { } broken)
                    {
                        output.WriteLine();
                        output.WriteLine($"BROKEN {broken}");
                    }
                    foreach (var failure in evidence.Failures) output.WriteLine($"EVIDENCE {failure}");
                    if (verified) output.WriteLine("every chain and every decision's evidence verifies");
                });
        });
        return command;
    }
}
