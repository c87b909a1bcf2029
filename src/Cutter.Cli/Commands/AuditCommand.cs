using System.CommandLine;
using Cutter.Orchestration.Audit;
using Cutter.Knowledge;
using Microsoft.Extensions.Logging.Abstractions;
using Cutter.Verification;
using Npgsql;

namespace Cutter.Cli.Commands;

/// <summary>
/// `cutter audit verify [--config FILE]`: recomputes the store's transparency log from raw rows (on the read-only
/// verify lane), the runs index under orchestrator.sidecar_root, and checks the signed checkpoints (sidecar and KB)
/// and closeout docs against it (docs/audit.md). Prints the heads and exits 0, or prints every finding by name
/// and exits 4. On a large store a progress line goes to stderr every 100,000 rows.
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
            foreach (var head in outcome.Heads) Console.Out.WriteLine(head);
            if (!outcome.Verified)
            {
                Console.Out.WriteLine();
                foreach (var finding in outcome.Findings) Console.Out.WriteLine($"BROKEN {finding}");
                return ExitCodes.ChecksFailed;
            }
            Console.Out.WriteLine("every entry, root and checkpoint verifies");
            return ExitCodes.Ok;
        });
        return command;
    }
}
