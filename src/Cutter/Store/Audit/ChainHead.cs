namespace Cutter.Store.Audit;

/// <summary>The last link of one verified chain: a signed document that records it pins the whole history before it.</summary>
public sealed record ChainHead(string Chain, long Rows, string? Head)
{
    public override string ToString() => $"{Chain}: {Rows} rows, head {Head ?? "(empty)"}";
}
