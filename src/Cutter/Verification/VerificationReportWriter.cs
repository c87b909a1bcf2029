using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cutter.Domain;
using Cutter.Domain.Hashing;
using Cutter.Governance.Signatures;
using Cutter.Orchestration.State;

namespace Cutter.Verification;

/// <summary>
/// Writes the next numbered <c>verification-report-NNNN.json</c>, its detached SSHSIG signature (namespace
/// <c>cutter-report</c>) over the exact bytes written, and the human summary beside them. Reports are append-only: the
/// new report names the previous report's file and sha (<see cref="ReportPrevious"/>), and no file of an earlier
/// verification is ever replaced (each is created, never moved over an existing one). The signature goes last, so a
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

    /// <summary>The sha a later report records of an earlier report's exact bytes.</summary>
    public static VersionedHash ShaOf(byte[] reportBytes) => VersionedHash.Of(HashForms.Bytes, reportBytes);

    public static VerificationOutcome Write(VerificationReport report, RunState state, string runFolder, SshSigningKey verifierKey)
    {
        Directory.CreateDirectory(runFolder);
        var artifacts = VerificationArtifacts.Next(runFolder);
        var previous = VerificationArtifacts.Existing(runFolder).LastOrDefault();
        report = report with
        {
            Sequence = artifacts.Sequence,
            PreviousReport = previous is null ? null : new ReportPrevious(previous.ReportFileName, ShaOf(File.ReadAllBytes(previous.ReportPath)).ToString()),
        };
        var bytes = Serialize(report);
        var signature = verifierKey.Sign(bytes, VerificationReport.SignatureNamespace).ToArmored();
        WriteNew(artifacts.ReportPath, bytes);
        WriteNew(artifacts.SummaryPath, System.Text.Encoding.UTF8.GetBytes(VerificationSummary.Render(report, state, artifacts)));
        WriteNew(artifacts.SignaturePath, System.Text.Encoding.UTF8.GetBytes(signature.EndsWith('\n') ? signature : signature + "\n"));
        return new VerificationOutcome(report, artifacts);
    }

    /// <summary>Writes a file that must not exist yet: complete or absent, and never over another verification's file.</summary>
    private static void WriteNew(string path, ReadOnlySpan<byte> bytes)
    {
        var temp = path + ".tmp-" + Environment.ProcessId;
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
            throw new CutterException($"{path} already exists: another verification wrote it at the same time; verification reports are never replaced, run `cutter verify` again");
        }
    }
}
