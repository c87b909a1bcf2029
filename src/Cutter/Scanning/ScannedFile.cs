namespace Cutter.Scanning;

/// <summary>A file the scan reads: the path it reports (as reached inside the scanned root) and whether it is C#.</summary>
internal sealed record ScannedFile(string Path, bool IsCSharp);
