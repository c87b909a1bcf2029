namespace Cutter.Store.Audit;

/// <summary>The first place a chain stops verifying: which chain, which row, the hash expected there and the one found.</summary>
public sealed record ChainBreak(string Chain, string RowKey, string Problem, string? Expected, string? Found)
{
    public override string ToString() =>
        $"{Chain}: {RowKey}: {Problem}; expected {Expected ?? "(none)"}, found {Found ?? "(none)"}";
}
