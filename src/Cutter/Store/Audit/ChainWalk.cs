using Cutter.Domain.Hashing;

namespace Cutter.Store.Audit;

/// <summary>The linkage rules shared by every chain: each prev_hash is the previous row_hash, and each row_hash recomputes.</summary>
internal sealed class ChainWalk(string chain)
{
    private string? _previous;
    private long _rows;

    public ChainBreak? Break { get; private set; }

    public ChainHead Head => new(chain, _rows, _previous);

    public void Step(string rowKey, string? prevHash, string? rowHash, string? recomputed)
    {
        if (Break is not null) return;
        _rows++;
        if (!string.Equals(prevHash, _previous, StringComparison.Ordinal))
        {
            Fail(rowKey, _previous is null
                ? "prev_hash should be empty (first row of the chain): rows before it are missing or out of order"
                : "prev_hash does not link to the previous row: a row was removed, inserted or reordered", _previous, prevHash);
            return;
        }
        if (recomputed is null)
        {
            Fail(rowKey, "redacted link names no revert authorization of its run", null, rowHash);
            return;
        }
        if (rowHash is null || !rowHash.StartsWith(ChainHashing.VersionTag, StringComparison.Ordinal))
        {
            // A link of another form would never recompute here; say so rather than call the row altered.
            var form = rowHash is null ? "none" : rowHash[..Math.Max(0, rowHash.LastIndexOf(':'))];
            Fail(rowKey, $"row_hash is in form '{form}', which this Cutter does not verify (it verifies {HashForms.Chain}): not compared", recomputed, rowHash);
            return;
        }
        if (!string.Equals(rowHash, recomputed, StringComparison.Ordinal))
        {
            Fail(rowKey, "row_hash does not match the row's content: the row was altered", recomputed, rowHash);
            return;
        }
        _previous = rowHash;
    }

    public void Fail(string rowKey, string problem, string? expected, string? found) =>
        Break ??= new ChainBreak(chain, rowKey, problem, expected, found);
}
