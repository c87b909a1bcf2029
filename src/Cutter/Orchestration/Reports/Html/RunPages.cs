namespace Cutter.Orchestration.Reports.Html;

/// <summary>The two HTML pages a run leaves in its sidecar folder, beside state.json and the verification report.</summary>
internal static class RunPages
{
    public const string ReviewFileName = "review-sg1.html";
    public const string RunReportFileName = "run-report.html";

    public static string ReviewPath(string runFolder) => Path.Combine(runFolder, ReviewFileName);

    public static string RunReportPath(string runFolder) => Path.Combine(runFolder, RunReportFileName);

    public static Task<string> WriteReviewAsync(string runFolder, ReviewPageModel model) =>
        PageRenderer.WriteAsync<ReviewPage>(ReviewPath(runFolder), nameof(ReviewPage.Model), model);

    public static Task<string> WriteRunReportAsync(string runFolder, RunReportModel model) =>
        PageRenderer.WriteAsync<RunReportPage>(RunReportPath(runFolder), nameof(RunReportPage.Model), model);
}
