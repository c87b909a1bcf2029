using System.Text.Json.Serialization;
using Cutter.Store;

namespace Cutter.Verification;

/// <summary>
/// What one verification found, as written to <c>verification-report.json</c> (schema: docs/verification-report.schema.json).
/// The file's exact bytes are what the verifier's SSHSIG signature covers.
/// </summary>
public sealed record VerificationReport
{
    /// <summary>2: hashes carry their form (docs/hashes.md); 3: reports are numbered and name their predecessor.</summary>
    public const int CurrentSchemaVersion = 3;
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

    /// <summary>This report's number among the run's verifications (1 for the first); its file is <c>verification-report-NNNN.json</c>.</summary>
    public int Sequence { get; init; } = 1;

    /// <summary>The run's previous verification report (file and sha of its exact bytes), or null for the first: the reports form a chain.</summary>
    public ReportPrevious? PreviousReport { get; init; }

    /// <summary>The audit hash chains' heads at verification time (and the first break, if any): signing them pins the history.</summary>
    public ReportAuditChains? AuditChains { get; init; }

    [JsonIgnore] public IEnumerable<CheckResult> Failures => Checks.Where(c => !c.Passed);

    public CheckResult Check(string name) =>
        Checks.SingleOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException($"the report has no check named {name}");
}

public sealed record ReportDocumentRef(string KbId, string? Code, string? Title, string? PayloadSha, int? CandidateCount);

public sealed record ReportGrantMatrix(string Expected, string Actual);

/// <summary>The previous verification report of the run: its file name and <c>sha256:bytes-v1</c> of its exact bytes.</summary>
public sealed record ReportPrevious(string File, string Sha256);

public sealed record ReportAuditChains(IReadOnlyList<Cutter.Store.Audit.ChainHead> Heads, string? FirstBreak);
