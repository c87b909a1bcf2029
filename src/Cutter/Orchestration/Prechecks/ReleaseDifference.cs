namespace Cutter.Orchestration.Prechecks;

/// <summary>How one file of a release folder differs from its manifest.</summary>
internal enum ReleaseDifferenceKind
{
    /// <summary>Listed in the manifest, absent from the folder.</summary>
    Missing,
    /// <summary>Present, but its content hash differs from the manifest's.</summary>
    Changed,
    /// <summary>Present in the folder, not listed in the manifest.</summary>
    Added,
}

/// <summary>One file that breaks a release folder's integrity, by its path relative to the folder ('/' separated).</summary>
internal sealed record ReleaseDifference(string RelativePath, ReleaseDifferenceKind Kind)
{
    public override string ToString() => Kind switch
    {
        ReleaseDifferenceKind.Missing => $"missing {RelativePath}",
        ReleaseDifferenceKind.Changed => $"changed {RelativePath}",
        _ => $"added {RelativePath}",
    };
}
