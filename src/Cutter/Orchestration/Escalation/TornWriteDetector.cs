using Cutter.Domain;
using Cutter.Orchestration.State;
using Cutter.Store;
using Cutter.Store.Writes;

namespace Cutter.Orchestration.Escalation;

/// <summary>
/// A torn write is any state where the database and the run disagree in a way a resume cannot repair: content rows
/// of the run that no ledger row accounts for, a ledger row whose rows are missing or short, or state.json claiming
/// a phase the ledger lacks. Every live start and resume runs this before writing.
/// </summary>
internal static class TornWriteDetector
{
    public static async Task<IReadOnlyList<string>> DetectAsync(RunContext context, IReadOnlyCollection<int> ledgerPhases, CancellationToken cancellationToken)
    {
        var findings = new List<string>();
        var planned = PlannedRows.Of(context.State);
        RunRowCounts rows;
        await using (var connection = await context.Services.Store.OpenAsync(Lane.Verify, cancellationToken))
        {
            rows = await RunStore.ReadRunRowCountsAsync(connection, null, context.RunId, cancellationToken);
        }
        Expect(findings, ledgerPhases.Contains(7), rows.Units, planned.Units, "information units", 7);
        Expect(findings, ledgerPhases.Contains(8), rows.Versions, planned.Versions, "unit versions", 8);
        Expect(findings, ledgerPhases.Contains(10), rows.LifecycleRows, planned.LifecycleRows, "lifecycle_log rows", 10);
        Expect(findings, ledgerPhases.Contains(10), rows.EnactedUnits, planned.Units, "enacted units", 10);
        foreach (var phase in context.State.Phases.Where(p => p.Result == PhaseResult.Passed && !ledgerPhases.Contains(p.Number) && (p.Number >= 6 || ledgerPhases.Count > 0)))
        {
            findings.Add($"state.json says phase {phase.Number} passed but the phase ledger has no row for it");
        }
        return findings;
    }

    private static void Expect(List<string> findings, bool phaseInLedger, long found, int planned, string what, int phase)
    {
        var expected = phaseInLedger ? planned : 0;
        if (found != expected)
        {
            findings.Add($"{found} {what} of this run in the store, {expected} expected (phase {phase} {(phaseInLedger ? "is" : "is not")} in the ledger)");
        }
    }
}
