using Cutter.Domain;
using Cutter.Store;

namespace Cutter.Governance.Backup;

/// <summary>What the restore proof found: the restored footprints and every difference from the expected ones.</summary>
internal sealed record RestoreProofResult(IReadOnlyList<DocumentFootprint> Restored, IReadOnlyList<FootprintDifference> Differences)
{
    public bool Matches => Differences.Count == 0;

    /// <summary>Stops the run (<see cref="StopCodes.BackupFailed"/>) when the restore does not reproduce the store.</summary>
    public void EnsureMatches(RunId? runId = null, int? phase = null)
    {
        if (!Matches)
        {
            throw new StopException(StopCodes.BackupFailed,
                $"the restored backup differs from the store in {Differences.Count} document(s): {string.Join("; ", Differences.Take(5))}", runId, phase);
        }
    }
}
