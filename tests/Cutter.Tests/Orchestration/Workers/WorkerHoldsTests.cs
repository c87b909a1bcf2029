using Cutter.Orchestration.Workers;
using Xunit;

namespace Cutter.Tests.Orchestration.Workers;

/// <summary>The overlap check the many-workers test relies on: it passes a clean handover and rejects each kind of overlap.</summary>
public sealed class WorkerHoldsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static WorkLogEntry Entry(string @event, string worker, int second, int? leaseUntil = null) =>
        new(@event, worker, Guid.Empty, 0, "KB-4001", "run", 1, T0.AddSeconds(second), leaseUntil is { } l ? T0.AddSeconds(l) : null, null, null);

    private static LedgerRow Phase(int phase, int from, int to) => new("KB-4001", "run", phase, T0.AddSeconds(from), T0.AddSeconds(to));

    [Fact]
    public void A_killed_worker_holds_until_its_last_lease_and_a_takeover_after_it_is_clean()
    {
        var holds = WorkerHolds.From([
            Entry("claimed", "w1", 0, leaseUntil: 10), Entry("renewed", "w1", 3, leaseUntil: 13),
            Entry("claimed", "w2", 14, leaseUntil: 24), Entry("released", "w2", 20),
        ]);

        Assert.Equal(
            ["w1 0..13 killed", "w2 14..20 released"],
            holds.Select(h => $"{h.Worker} {(h.From - T0).TotalSeconds}..{(h.Until - T0).TotalSeconds} {(h.Released ? "released" : "killed")}"));
        Assert.Empty(WorkerHolds.Overlaps(holds, [Phase(7, 5, 6), Phase(8, 15, 16)]));
    }

    [Fact]
    public void A_takeover_before_the_dead_workers_lease_ran_out_is_an_overlap()
    {
        var holds = WorkerHolds.From([Entry("claimed", "w1", 0, leaseUntil: 10), Entry("renewed", "w1", 3, leaseUntil: 13), Entry("claimed", "w2", 12, leaseUntil: 22)]);

        var problem = Assert.Single(WorkerHolds.Overlaps(holds, []));
        Assert.StartsWith("KB-4001: held by w1 2026-12-03T12:00:00.0000000+00:00 .. 2026-12-03T12:00:13.0000000+00:00 and by w2 from 2026-12-03T12:00:12", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_phase_that_ran_outside_every_hold_is_reported()
    {
        var holds = WorkerHolds.From([Entry("claimed", "w1", 0, leaseUntil: 10), Entry("released", "w1", 5)]);

        var problem = Assert.Single(WorkerHolds.Overlaps(holds, [Phase(1, 1, 2), Phase(2, 4, 6)]));
        Assert.StartsWith("KB-4001: phase 2 of run run ran", problem, StringComparison.Ordinal);
    }
}
