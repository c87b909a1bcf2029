namespace Cutter.Store.Audit;

/// <summary>What a chain walk found: the heads of every chain, and the first break (null when every chain verifies).</summary>
public sealed record ChainReport(IReadOnlyList<ChainHead> Heads, ChainBreak? FirstBreak)
{
    public bool Verified => FirstBreak is null;
}
