using Cutter.Cutting.Amendments;

namespace Cutter.Orchestration.State;

/// <summary>
/// The rows a run plans to write, from state.json alone (so a resume can check the store before rebuilding the plan):
/// every candidate once for an initial run; for an amendment run (docs/amendments.md) its new units (added, moved), a
/// version for each of them and each changed unit, and a lifecycle row for each retirement (removed, moved), new
/// version and new unit.
/// </summary>
internal sealed record PlannedRows(int Units, int Versions, int Retired, int Superseded, int LifecycleRows)
{
    public static PlannedRows Of(RunState state)
    {
        if (state.AmendmentCounts is not { } counts)
        {
            var n = state.CandidateCount ?? 0;
            return new PlannedRows(n, n, 0, 0, n);
        }
        int Count(AmendmentOperation operation) => counts.TryGetValue(AmendmentSerializer.WireName(operation), out var found) ? found : 0;
        var units = Count(AmendmentOperation.Added) + Count(AmendmentOperation.Moved);
        var changed = Count(AmendmentOperation.Changed);
        var retired = Count(AmendmentOperation.Removed) + Count(AmendmentOperation.Moved);
        return new PlannedRows(units, units + changed, retired, changed, retired + changed + units);
    }
}
