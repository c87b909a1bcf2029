namespace Cutter.Verification;

/// <summary>The files one verification leaves in the run's sidecar folder.</summary>
internal sealed record VerificationArtifacts(string ReportPath, string SignaturePath, string SummaryPath, string RunReportPath)
{
    public const string ReportFileName = "verification-report.json";
    public const string SignatureFileName = ReportFileName + ".sig";
    public const string SummaryFileName = "verification-summary.md";

    public static VerificationArtifacts In(string runFolder) => new(
        Path.Combine(runFolder, ReportFileName),
        Path.Combine(runFolder, SignatureFileName),
        Path.Combine(runFolder, SummaryFileName),
        Orchestration.Reports.Html.RunPages.RunReportPath(runFolder));
}
