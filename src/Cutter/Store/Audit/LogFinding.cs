namespace Cutter.Store.Audit;

/// <summary>
/// One way the log or its checkpoints fail to verify, by name (<see cref="LogFindings"/>): where (an entry, a row,
/// a checkpoint), what is wrong, and the value expected and found when there is one.
/// </summary>
internal sealed record LogFinding(string Name, string Where, string Problem, string? Expected = null, string? Found = null)
{
    public override string ToString() =>
        $"{Name}: {Where}: {Problem}" + (Expected is null && Found is null ? "" : $"; expected {Expected ?? "(none)"}, found {Found ?? "(none)"}");
}
