using System.CommandLine;
using Cutter.Cli.Output;
using Cutter.Governance.Signatures;
using Cutter.Orchestration.Audit;
using Cutter.Knowledge;
using Microsoft.Extensions.Logging.Abstractions;
using Cutter.Verification;
using Npgsql;

namespace Cutter.Cli.Commands;

/// <summary>
/// `cutter audit verify [--config FILE]`: recomputes the store's transparency log from raw rows (on the read-only
/// verify lane), the runs index under orchestrator.sidecar_root, and checks the signed checkpoints (sidecar and KB)
/// and closeout docs against it (docs/audit.md); then re-verifies every stored decision's signed evidence against
/// orchestrator.allowed_signers_file and that every governed deletion rests on a valid SG_3 decision
/// (<see cref="EvidenceVerifier"/>). Prints the heads and the evidence summary and exits 0, or prints every finding
/// by name (BROKEN …, EVIDENCE …) and exits 4. On a large store a progress line goes to stderr every 100,000 rows.
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
        var command = new Command("verify", "Recompute the audit log and check it against the signed checkpoints; print the heads, or every finding (exit 4)");
        command.Options.Add(config);
        command.SetAction(async (parse, ct) =>
        {
            var target = VerificationTarget.Load(parse.GetValue(config));
            await using var connection = new NpgsqlConnection(target.VerifyConnectionString);
            await connection.OpenAsync(ct);
            var kb = KnowledgeBaseSelection.Open(target.Settings, System.Environment.GetEnvironmentVariable, NullLogger.Instance);
            var outcome = await StoreAudit.RunAsync(target.Settings, connection, kb,
                rows => Console.Error.WriteLine($"audit verify: {rows:N0} rows recomputed"), ct);
            var evidence = outcome.Evidence;
            return JsonOutput.Result(parse, outcome.Verified ? ExitCodes.Ok : ExitCodes.ChecksFailed,
                () => new
                {
                    outcome.Verified,
                    outcome.Heads,
                    FirstBreak = outcome.Findings.FirstOrDefault()?.ToString(),
                    Findings = outcome.Findings.Select(f => new { f.Name, f.Where, f.Problem, f.Expected, f.Found }),
                    Evidence = new { evidence.Passed, evidence.Summary, evidence.Failures },
                },
                output =>
                {
                    foreach (var head in outcome.Heads) output.WriteLine(head);
                    output.WriteLine(evidence.Summary);
                    if (outcome.Findings.Count > 0) output.WriteLine();
                    foreach (var finding in outcome.Findings) output.WriteLine($"BROKEN {finding}");
                    foreach (var failure in evidence.Failures) output.WriteLine($"EVIDENCE {failure}");
                    if (outcome.Verified) output.WriteLine("every entry, root and checkpoint, and every decision's evidence, verifies");
                });
        });
        return command;
    }
}
