using System.Text.Json.Serialization;
using Cutter.Store;

namespace Cutter.Verification;

/// <summary>
/// What one verification found, as written to <c>verification-report.json</c> (schema: docs/verification-report.schema.json).
/// The file's exact bytes are what the verifier's SSHSIG signature covers.
/// </summary>
public sealed record VerificationReport
{
    /// <summary>2: hashes carry their form (docs/hashes.md).</summary>
    public const int CurrentSchemaVersion = 2;
    public const string SignatureNamespace = "cutter-report";

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required string RunId { get; init; }
    public required ReportDocumentRef Document { get; init; }
    public required DatabaseIdentity Database { get; init; }
    public required ReportGrantMatrix GrantMatrix { get; init; }
    public required IReadOnlyList<CheckResult> Checks { get; init; }
    public required bool Passed { get; init; }
    public required ToolIdentity Tool { get; init; }
    public required DateTimeOffset StartedUtc { get; init; }
    public required DateTimeOffset FinishedUtc { get; init; }

    /// <summary>The audit hash chains' heads at verification time (and the first break, if any): signing them pins the history.</summary>
    public ReportAuditChains? AuditChains { get; init; }

    [JsonIgnore] public IEnumerable<CheckResult> Failures => Checks.Where(c => !c.Passed);

    public CheckResult Check(string name) =>
        Checks.SingleOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException($"the report has no check named {name}");
}

public sealed record ReportDocumentRef(string KbId, string? Code, string? Title, string? PayloadSha, int? CandidateCount);

public sealed record ReportGrantMatrix(string Expected, string Actual);

public sealed record ReportAuditChains(IReadOnlyList<Cutter.Store.Audit.ChainHead> Heads, string? FirstBreak);
