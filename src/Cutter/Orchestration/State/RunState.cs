using Cutter.Domain;
using Cutter.Domain.Hashing;
using Cutter.Governance.Approvals;
using Cutter.Store;
using System.Text.Json.Serialization;

namespace Cutter.Orchestration.State;

/// <summary>
/// The sidecar <c>state.json</c> of one run (schema in docs/state-json.md). It mirrors the database: for a live
/// run the phase ledger is the source of truth and wins on resume. It never holds a secret.
/// </summary>
public sealed class RunState
{
    /// <summary>2: hashes carry their form (docs/hashes.md). Version 1 files are still read: their untagged hashes are v1.</summary>
    public const int CurrentSchemaVersion = 2;

    public const int OldestReadableSchemaVersion = 1;

    public int SchemaVersion { get; set; } = CurrentSchemaVersion;
    public required string RunId { get; init; }
    public required RunMode Mode { get; init; }
    public required string Actor { get; init; }
    public required DocumentRef Document { get; set; }
    /// <summary>Moved only through <see cref="RunStatusTransitions.TransitionTo"/>, which checks the state machine.</summary>
    public RunStatus Status { get; set; } = RunStatus.Running;
    /// <summary>Set once the run is terminal: <c>closeout_reported</c>, <c>reverted</c> or <c>compensated</c>.</summary>
    public RunStatus? FinalState { get; set; }
    public string? SourceSha { get; set; }
    public string? PayloadSha { get; set; }
    public int? CandidateCount { get; set; }

    /// <summary>An amendment run's pinned enacted state (<c>sha256:enacted-v1:...</c>); null for an initial run (docs/amendments.md).</summary>
    public string? EnactedSha { get; set; }

    /// <summary>An amendment run's change count per operation (unchanged, changed, added, removed, moved); null for an initial run.</summary>
    public Dictionary<string, int>? AmendmentCounts { get; set; }
    public Dictionary<string, long>? UnitKindCounts { get; set; }
    public DateTimeOffset CreatedUtc { get; init; }
    public DateTimeOffset UpdatedUtc { get; set; }
    public List<PhaseRecord> Phases { get; set; } = new();
    public StopRecord? Stop { get; set; }
    public Dictionary<ApprovalGate, GateRecord> Gates { get; set; } = new();
    public RulingRecord? Ruling { get; set; }
    public string? RulingRequestKbId { get; set; }
    public Snapshot? PreRunSnapshot { get; set; }
    public BackupRecord? Backup { get; set; }
    public SimulationRecord? Simulation { get; set; }
    public string? CloseoutKbId { get; set; }
    public string? CloseoutSummarySha { get; set; }
    public List<string> Warnings { get; set; } = new();
}

public sealed record DocumentRef(string KbId, string? Code, string? Title);

public sealed class PhaseRecord
{
    public required int Number { get; init; }
    public required string Name { get; init; }
    public required bool WritesProduction { get; init; }
    public PhaseResult Result { get; set; } = PhaseResult.Pending;
    public DateTimeOffset? StartedUtc { get; set; }
    public DateTimeOffset? FinishedUtc { get; set; }
    public long? DurationMs { get; set; }
    public long RowsWritten { get; set; }
    public string? ReportKbId { get; set; }
    public string? Detail { get; set; }
}

public sealed record StopRecord(string Code, string Detail, int? Phase, bool Terminal, DateTimeOffset AtUtc);

public sealed class GateRecord
{
    public required ApprovalGate Gate { get; init; }
    public string? RequestKbId { get; set; }
    public string? ApprovalKbId { get; set; }
    public string? ApprovalSha256 { get; set; }
    public string? ReviewDecisionId { get; set; }
    public string? Signer { get; set; }
    public DateTimeOffset? SignedUtc { get; set; }
    public DateTimeOffset? ConsumedUtc { get; set; }
}

public sealed record RulingRecord(string KbId, string Signer, DateTimeOffset ExpiresUtc);

public sealed record Snapshot(DateTimeOffset TakenUtc, List<DocumentSnapshot> Documents)
{
    /// <summary>Review decisions in the whole store before the run; post-run verification expects exactly 2 more.</summary>
    public long? ReviewDecisionCount { get; init; }
}

/// <summary>
/// A document's footprint as recorded in state.json. <see cref="ContentSha256"/> is the tagged hash text
/// (<c>sha256:footprint-v2:...</c>; an untagged value, from state written before hashes carried tags, is footprint-v1).
/// </summary>
public sealed record DocumentSnapshot(string KbId, string Code, long Units, long Versions, long EnactedUnits, string ContentSha256)
{
    [JsonIgnore]
    public VersionedHash ContentHash => VersionedHash.Parse(ContentSha256, HashForms.Footprint.Family, $"state.json footprint of {KbId}");

    public static DocumentSnapshot Of(DocumentFootprint footprint) =>
        new(footprint.KbId, footprint.Code, footprint.Units, footprint.Versions, footprint.EnactedUnits, footprint.ContentHash.ToString());

    public DocumentFootprint ToFootprint() => new(KbId, Code, Units, Versions, EnactedUnits, ContentHash);
}

public sealed record BackupRecord(
    string File,
    string Sha256,
    string RecipientFingerprint,
    long Bytes,
    bool RestoreProven,
    [property: JsonPropertyName("restore_proof_detail")] string? RestoreProofDetail);

public sealed record SimulationRecord(long UnitsWouldWrite, long VersionsWouldWrite, long LifecycleRowsWouldWrite, long ReviewDecisionsWouldWrite);
