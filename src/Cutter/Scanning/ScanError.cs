namespace Cutter.Scanning;

/// <summary>A path the scan could not read (dangling or looping link, permission denied, not a regular file): never silently skipped.</summary>
public sealed record ScanError(string Path, string Problem)
{
    public override string ToString() => $"{Path}: {Problem}";
}
