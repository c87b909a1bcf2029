using Cutter.Orchestration.Workers;

namespace Cutter.Tests.Orchestration.Workers;

/// <summary>One worker's hold on one document: from its claim to its release, or, when it was killed, to its last lease end.</summary>
internal sealed record WorkerHold(string Worker, string Document, DateTimeOffset From, DateTimeOffset Until, bool Released);

/// <summary>A phase-ledger row of a document's run: when that phase's transaction ran.</summary>
internal sealed record LedgerRow(string Document, string RunId, int Phase, DateTimeOffset StartedAt, DateTimeOffset FinishedAt);

/// <summary>
/// The check that no document was worked by two workers at once, from the workers' logs and the phase ledger: per
/// document, the workers' holds do not overlap, and every ledger row lies inside one worker's hold.
/// </summary>
internal static class WorkerHolds
{
    public static IReadOnlyList<WorkerHold> From(IEnumerable<WorkLogEntry> log)
    {
        var holds = new List<WorkerHold>();
        foreach (var stream in log.GroupBy(e => (e.Worker, e.BatchId, e.Position)))
        {
            WorkLogEntry? claim = null;
            DateTimeOffset leaseEnd = default;
            foreach (var entry in stream)
            {
                switch (entry.Event)
                {
                    case "claimed":
                        if (claim is not null) holds.Add(new WorkerHold(claim.Worker, claim.Document, claim.AtUtc, leaseEnd, false));
                        claim = entry;
                        leaseEnd = entry.LeaseUntilUtc ?? entry.AtUtc;
                        break;
                    case "renewed" when claim is not null:
                        leaseEnd = Max(leaseEnd, entry.LeaseUntilUtc ?? entry.AtUtc);
                        break;
                    case "released" when claim is not null:
                        holds.Add(new WorkerHold(claim.Worker, claim.Document, claim.AtUtc, entry.AtUtc, true));
                        claim = null;
                        break;
                }
            }
            if (claim is not null) holds.Add(new WorkerHold(claim.Worker, claim.Document, claim.AtUtc, leaseEnd, false));
        }
        return holds;
    }

    /// <summary>Every way <paramref name="holds"/> and <paramref name="ledger"/> show a document worked by two workers at once (empty: none).</summary>
    public static IReadOnlyList<string> Overlaps(IReadOnlyList<WorkerHold> holds, IEnumerable<LedgerRow> ledger)
    {
        var problems = new List<string>();
        foreach (var document in holds.GroupBy(h => h.Document))
        {
            var ordered = document.OrderBy(h => h.From).ToArray();
            for (var i = 1; i < ordered.Length; i++)
            {
                var (before, after) = (ordered[i - 1], ordered[i]);
                if (after.From < before.Until)
                {
                    problems.Add($"{document.Key}: held by {before.Worker} {before.From:O} .. {before.Until:O} and by {after.Worker} from {after.From:O}");
                }
            }
        }
        var byDocument = holds.ToLookup(h => h.Document);
        foreach (var row in ledger)
        {
            if (!byDocument[row.Document].Any(h => h.From <= row.StartedAt && row.FinishedAt <= h.Until))
            {
                problems.Add($"{row.Document}: phase {row.Phase} of run {row.RunId} ran {row.StartedAt:O} .. {row.FinishedAt:O}, outside every worker's hold");
            }
        }
        return problems;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
