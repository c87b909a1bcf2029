using System.Globalization;
using Cutter.Domain;
using Cutter.Orchestration.Phases;
using Cutter.Orchestration.State;
using Cutter.Store;

namespace Cutter.Verification.Checks;

/// <summary>Every one of the 11 phases is <c>passed</c> in state.json and has its row, under the same name, in the phase ledger.</summary>
internal sealed class AllPhasesPassedCheck : IVerificationCheck
{
    public string Name => VerificationChecks.AllPhasesPassed;
    public string Proves => "state.json and the database's phase ledger agree that all 11 phases ran to the end";

    public async Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        var total = PhaseCatalog.All.Count;
        var ledger = await VerificationReads.ReadLedgerPhasesAsync(context.VerifyConnection, context.RunId.Value, cancellationToken);
        var problems = new List<string>();
        foreach (var phase in PhaseCatalog.All)
        {
            var record = context.State.Phases.FirstOrDefault(p => p.Number == phase.Number);
            if (record is null) problems.Add($"phase {phase.Number} {phase.Name}: missing from state.json");
            else if (record.Result != PhaseResult.Passed) problems.Add($"phase {phase.Number} {phase.Name}: state.json says {WireNames<PhaseResult>.Of(record.Result)}");
            if (!ledger.TryGetValue(phase.Number, out var ledgerName)) problems.Add($"phase {phase.Number} {phase.Name}: no phase_ledger row");
            else if (ledgerName != phase.Name) problems.Add($"phase {phase.Number}: phase_ledger names it {ledgerName}, expected {phase.Name}");
        }
        foreach (var extra in context.State.Phases.Where(p => p.Number < 1 || p.Number > total))
        {
            problems.Add($"state.json has a phase {extra.Number} ({extra.Name}) that does not exist");
        }
        var passedInState = context.State.Phases.Count(p => p.Result == PhaseResult.Passed);
        var expected = string.Create(CultureInfo.InvariantCulture, $"{total} phases passed in state.json, {total} phase_ledger rows");
        var actual = problems.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{passedInState} phases passed in state.json, {ledger.Count} phase_ledger rows")
            : string.Join("; ", problems);
        return CheckResult.Of(Name, expected, actual, problems.Count == 0);
    }
}
