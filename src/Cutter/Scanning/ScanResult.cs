namespace Cutter.Scanning;

/// <summary>What one <c>cutter scan</c> saw: its findings in path order, how many files it read and passed over, and what it could not read.</summary>
public sealed record ScanResult(IReadOnlyList<ScanFinding> Findings, int FilesScanned, int FilesSkipped, IReadOnlyList<ScanError> Errors)
{
    /// <summary>True only when every path was read and nothing was found.</summary>
    public bool IsClean => Findings.Count == 0 && Errors.Count == 0;

    /// <summary>The closing line of the text report, e.g. <c>scan: 2 finding(s), 1 error(s); 14 file(s) scanned, 3 skipped</c>.</summary>
    public string Summary
    {
        get
        {
            var counts = $"{FilesScanned} file(s) scanned, {FilesSkipped} skipped";
            if (IsClean)
            {
                return $"scan: clean; {counts}";
            }
            var errors = Errors.Count == 0 ? "" : $", {Errors.Count} error(s)";
            return $"scan: {Findings.Count} finding(s){errors}; {counts}";
        }
    }
}
