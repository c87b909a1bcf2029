using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cutter.Governance.Signatures;
using Cutter.Orchestration.State;

namespace Cutter.Verification;

/// <summary>
/// Writes <c>verification-report.json</c>, its detached SSHSIG signature (namespace <c>cutter-report</c>) over the
/// exact bytes written, and the human summary beside them. Each file is written atomically; the signature last, so a
/// signature on disk always belongs to the report beside it.
/// </summary>
internal static class VerificationReportWriter
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Plain UTF-8 for '+', '<' and quotes: the report is read by people and signed over its exact bytes, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Serialize(VerificationReport report) => JsonSerializer.SerializeToUtf8Bytes(report, Json);

    public static VerificationArtifacts Write(VerificationReport report, RunState state, string runFolder, SshSigningKey verifierKey)
    {
        Directory.CreateDirectory(runFolder);
        var artifacts = VerificationArtifacts.In(runFolder);
        var bytes = Serialize(report);
        var signature = verifierKey.Sign(bytes, VerificationReport.SignatureNamespace).ToArmored();
        SidecarStore.WriteAtomically(artifacts.ReportPath, bytes);
        SidecarStore.WriteAtomically(artifacts.SummaryPath, System.Text.Encoding.UTF8.GetBytes(VerificationSummary.Render(report, state)));
        SidecarStore.WriteAtomically(artifacts.SignaturePath, System.Text.Encoding.UTF8.GetBytes(signature.EndsWith('\n') ? signature : signature + "\n"));
        return artifacts;
    }
}
