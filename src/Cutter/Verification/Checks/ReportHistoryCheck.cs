using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cutter.Governance.Signatures;

namespace Cutter.Verification.Checks;

/// <summary>
/// The run's earlier verification reports are all there and untouched: each one's signature verifies against
/// allowed_signers (namespace <c>cutter-report</c>), the numbers run 1, 2, 3 without a gap, and each report names its
/// predecessor's file and the sha of its exact bytes. A report re-signed with a key not in allowed_signers, an earlier
/// report overwritten (even re-signed with the verifier's own key: its successor's recorded sha no longer matches) or
/// removed is named by file. The new report this verification writes is the next number; nothing is overwritten.
/// </summary>
internal sealed class ReportHistoryCheck : IVerificationCheck
{
    public string Name => VerificationChecks.ReportHistory;
    public string Proves => "no earlier verification report of the run was replaced, re-signed by an unknown key or removed";

    public Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        var existing = VerificationArtifacts.Existing(context.Sidecar.RunFolder(context.RunId));
        const string expected = "every earlier report signed by an allowed verifier key, numbered without gaps, each naming its predecessor's sha";
        if (existing.Count == 0) return Task.FromResult(CheckResult.Of(Name, expected, "no earlier report", true));
        if (string.IsNullOrWhiteSpace(context.Settings.AllowedSignersFile))
        {
            return Task.FromResult(CheckResult.Of(Name, expected, $"{existing.Count} earlier report(s), but orchestrator.allowed_signers_file is not configured to verify them", false));
        }
        var signers = AllowedSigners.Load(context.Settings.AllowedSignersFile);
        var problems = new List<string>();
        VerificationArtifacts? previous = null;
        foreach (var report in existing)
        {
            problems.AddRange(Problems(report, previous, signers));
            previous = report;
        }
        var actual = problems.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{existing.Count} earlier report(s) intact: {string.Join(", ", existing.Select(r => r.ReportFileName))}")
            : string.Join("; ", problems);
        return Task.FromResult(CheckResult.Of(Name, expected, actual, problems.Count == 0));
    }

    private static IEnumerable<string> Problems(VerificationArtifacts report, VerificationArtifacts? previous, AllowedSigners signers)
    {
        var name = report.ReportFileName;
        var expectedSequence = previous is null ? (report.Sequence == 0 ? 0 : 1) : previous.Sequence + 1;
        if (report.Sequence != expectedSequence)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{VerificationArtifacts.ReportFileNameOf(expectedSequence)} is missing (the next present is {name})");
        }
        var bytes = File.ReadAllBytes(report.ReportPath);
        if (!File.Exists(report.SignaturePath))
        {
            yield return $"{name}: its signature {report.SignatureFileName} is missing";
        }
        else
        {
            string? failure = null;
            try
            {
                SshSignatureVerifier.Verify(bytes, File.ReadAllText(report.SignaturePath), VerificationReport.SignatureNamespace, signers);
            }
            catch (SignatureVerificationException ex)
            {
                failure = ex.Message;
            }
            if (failure is not null) yield return $"{name}: signature does not verify against allowed_signers: {failure}";
        }
        if (report.Sequence == 0) yield break; // written before numbering: it records no predecessor
        var (recorded, sequence, unreadable) = Read(bytes);
        if (unreadable is not null)
        {
            yield return $"{name}: not a readable report ({unreadable})";
            yield break;
        }
        if (sequence != report.Sequence)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{name}: says it is report {sequence}");
        }
        if (previous is null)
        {
            if (recorded is not null) yield return $"{name}: names a previous report {recorded.File} that is not there";
            yield break;
        }
        var previousSha = VerificationReportWriter.ShaOf(File.ReadAllBytes(previous.ReportPath)).ToString();
        if (recorded is null) yield return $"{name}: names no previous report, but {previous.ReportFileName} precedes it";
        else if (recorded.File != previous.ReportFileName || recorded.Sha256 != previousSha)
        {
            yield return $"{name}: records {recorded.File} as {recorded.Sha256}, but {previous.ReportFileName} is now {previousSha} (an earlier report was replaced)";
        }
    }

    private static (ReportPrevious? Previous, int Sequence, string? Unreadable) Read(byte[] bytes)
    {
        try
        {
            // Only the two fields the history needs, so a report of an older schema version is read too.
            var node = JsonNode.Parse(bytes)!;
            var previous = node["previous_report"] is JsonObject p
                ? new ReportPrevious(p["file"]?.GetValue<string>() ?? "", p["sha256"]?.GetValue<string>() ?? "")
                : null;
            return (previous, node["sequence"]?.GetValue<int>() ?? 0, null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return (null, -1, ex.Message);
        }
    }
}
