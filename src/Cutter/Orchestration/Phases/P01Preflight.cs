using Cutter.Domain;
using Cutter.Orchestration.Prechecks;

namespace Cutter.Orchestration.Phases;

/// <summary>Phase 1: every precheck, all run (never stopping at the first), any failure stops the run.</summary>
internal sealed class P01Preflight : IPhase
{
    public int Number => 1;
    public string Name => "preflight";
    public bool WritesProduction => false;

    public async Task<PhaseOutcome> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var results = await context.Services.Prechecks(context, cancellationToken);
        var failed = results.Where(r => r.Verdict == PrecheckVerdict.Failed).ToArray();
        if (failed.Length > 0)
        {
            // A single failing check keeps its own code (STOP_DRIFT, STOP_GRANT_MATRIX_MISMATCH, ...); several are STOP_PRECHECK_FAILED.
            throw new StopException(failed.Length == 1 ? failed[0].StopCode : StopCodes.PrecheckFailed,
                string.Join("; ", failed.Select(f => $"{f.Name}: {f.Reason}")), context.RunId, Number);
        }
        var waived = results.Where(r => r.Verdict is PrecheckVerdict.Waived or PrecheckVerdict.NotApplicable)
            .Select(r => r.Verdict == PrecheckVerdict.Waived ? $"{r.Name} (waived: {r.Reason})" : $"{r.Name} (not applicable: {r.Reason})");
        return new PhaseOutcome(0, $"{results.Count(r => r.Verdict == PrecheckVerdict.Passed)} of {results.Count} prechecks passed"
            + (waived.Any() ? "; " + string.Join("; ", waived) : ""));
    }
}
