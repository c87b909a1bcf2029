using Cutter.Verification;

namespace Cutter.Cli.Output;

/// <summary>How a verification is shown to an operator: one line per check, then where the signed report is.</summary>
internal static class VerificationPrinter
{
    /// <summary>The verification as verify's and rehearse's JSON show it (docs/json/verify.schema.json's "verification").</summary>
    public static object Json(VerificationOutcome outcome) => new
    {
        outcome.Report.RunId,
        outcome.Report.Passed,
        Checks = outcome.Report.Checks.Select(c => new { c.Name, c.Passed, c.Expected, c.Actual }),
        outcome.Artifacts.ReportPath,
        outcome.Artifacts.SignaturePath,
        outcome.Artifacts.SummaryPath,
    };

    public static void Print(VerificationOutcome outcome, TextWriter output)
    {
        var report = outcome.Report;
        output.WriteLine($"verification of run {report.RunId} ({report.Document.KbId} {report.Document.Code}) on {report.Database.DatabaseName}");
        output.WriteLine();
        var width = report.Checks.Max(c => c.Name.Length);
        output.WriteLine($"  {"check".PadRight(width)}  verdict  actual");
        foreach (var check in report.Checks)
        {
            output.WriteLine($"  {check.Name.PadRight(width)}  {(check.Passed ? "pass" : "FAIL"),-7}  {check.Actual}");
            if (!check.Passed) output.WriteLine($"  {"".PadRight(width)}  {"",-7}  expected: {check.Expected}");
        }
        output.WriteLine();
        output.WriteLine($"{report.Checks.Count(c => c.Passed)} of {report.Checks.Count} checks passed: {(report.Passed ? "PASSED" : "FAILED")}");
        output.WriteLine($"report     {outcome.Artifacts.ReportPath}");
        output.WriteLine($"signature  {outcome.Artifacts.SignaturePath} (ssh-keygen -Y verify -n {VerificationReport.SignatureNamespace})");
        output.WriteLine($"summary    {outcome.Artifacts.SummaryPath}");
        output.WriteLine($"run report {outcome.Artifacts.RunReportPath}");
    }
}
