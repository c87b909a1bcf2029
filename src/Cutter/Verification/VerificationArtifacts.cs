using System.Globalization;
using System.Text.RegularExpressions;

namespace Cutter.Verification;

/// <summary>
/// The files one verification leaves in the run's sidecar folder, numbered: <c>verification-report-0001.json</c>, its
/// <c>.sig</c> and <c>verification-summary-0001.md</c>, then 0002 and so on. A verification never replaces an earlier
/// one's files. Sequence 0 is the unnumbered <c>verification-report.json</c> a Cutter before numbering wrote.
/// </summary>
internal sealed partial record VerificationArtifacts(int Sequence, string ReportPath, string SignaturePath, string SummaryPath)
{
    public const string LegacyReportFileName = "verification-report.json";
    public const string LegacySummaryFileName = "verification-summary.md";
    public const string SignatureSuffix = ".sig";

    public string ReportFileName => Path.GetFileName(ReportPath);

    /// <summary>The run report page beside the reports (docs/review-pages.md), rewritten by every verification.</summary>
    public string RunReportPath => Orchestration.Reports.Html.RunPages.RunReportPath(Path.GetDirectoryName(ReportPath)!);

    public string SignatureFileName => Path.GetFileName(SignaturePath);

    public static string ReportFileNameOf(int sequence) => sequence == 0
        ? LegacyReportFileName
        : string.Create(CultureInfo.InvariantCulture, $"verification-report-{sequence:D4}.json");

    public static VerificationArtifacts In(string runFolder, int sequence)
    {
        var report = Path.Combine(runFolder, ReportFileNameOf(sequence));
        var summary = sequence == 0 ? LegacySummaryFileName : string.Create(CultureInfo.InvariantCulture, $"verification-summary-{sequence:D4}.md");
        return new(sequence, report, report + SignatureSuffix, Path.Combine(runFolder, summary));
    }

    /// <summary>Every verification report in <paramref name="runFolder"/>, by sequence.</summary>
    public static IReadOnlyList<VerificationArtifacts> Existing(string runFolder)
    {
        if (!Directory.Exists(runFolder)) return [];
        var sequences = new List<int>();
        foreach (var file in Directory.EnumerateFiles(runFolder).Select(Path.GetFileName))
        {
            if (file == LegacyReportFileName) sequences.Add(0);
            else if (NumberedReport().Match(file!) is { Success: true } match) sequences.Add(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
        }
        return sequences.Order().Select(s => In(runFolder, s)).ToArray();
    }

    /// <summary>The files the next verification writes: one past the highest sequence present.</summary>
    public static VerificationArtifacts Next(string runFolder)
    {
        var existing = Existing(runFolder);
        return In(runFolder, existing.Count == 0 ? 1 : existing[^1].Sequence + 1);
    }

    [GeneratedRegex(@"^verification-report-([0-9]{4,9})\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberedReport();
}
