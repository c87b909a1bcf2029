using Cutter.Store;

namespace Cutter.Governance.Backup;

/// <summary>One document whose restored footprint differs from the expected one (either side null: the document is missing there).</summary>
internal sealed record FootprintDifference(string KbId, DocumentFootprint? Expected, DocumentFootprint? Restored)
{
    public override string ToString() => (Expected, Restored) switch
    {
        (null, _) => $"{KbId}: in the restore but not expected",
        (_, null) => $"{KbId}: expected but missing from the restore",
        _ => $"{KbId}: expected {Expected.Units} units/{Expected.Versions} versions/{Expected.ContentHash}, restored {Restored.Units}/{Restored.Versions}/{Restored.ContentHash}",
    };
}
