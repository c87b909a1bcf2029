using Microsoft.Extensions.Configuration;

namespace Cutter.Configuration;

/// <summary>
/// The <c>orchestrator</c> section of the configuration file. Every machine-specific value lives here
/// (or in the environment), never in code. Keys are the report's names; docs/configuration.md lists them all.
/// </summary>
public sealed class OrchestratorSettings
{
    public const string SectionName = "orchestrator";

    /// <summary>Per-run sidecar folders: <c>&lt;sidecar_root&gt;/&lt;run_id&gt;/state.json</c>, plus the runs index.</summary>
    [ConfigurationKeyName("sidecar_root")] public string SidecarRoot { get; set; } = "";

    /// <summary>Reserved for batch runs; created and validated at start.</summary>
    [ConfigurationKeyName("batch_dir")] public string BatchDir { get; set; } = "";

    /// <summary>Per-document lock files.</summary>
    [ConfigurationKeyName("global_locks_dir")] public string GlobalLocksDir { get; set; } = "";

    /// <summary>Root folder of the folder-backed knowledge base.</summary>
    [ConfigurationKeyName("kb_root")] public string KbRoot { get; set; } = "";

    /// <summary>Base URL of the KB API (docs/kb-api.md); when set (or AGENT_DATA_API_URL is), it is used instead of <see cref="KbRoot"/>.</summary>
    [ConfigurationKeyName("kb_url")] public string KbUrl { get; set; } = "";

    /// <summary>The pinned SHA-256 of the lanes' canonical grant matrix.</summary>
    [ConfigurationKeyName("expected_grant_matrix_sha")] public string ExpectedGrantMatrixSha { get; set; } = "";

    /// <summary>The pinned SHA-256 of the store's executable surface on the governed schemas (<c>cutter db schema-pin</c>).</summary>
    [ConfigurationKeyName("expected_schema_sha")] public string ExpectedSchemaSha { get; set; } = "";

    /// <summary>The reviewed listing the schema pin was made from (<c>cutter db schema-pin --write</c>); lets a mismatch name the objects that differ.</summary>
    [ConfigurationKeyName("expected_schema_listing")] public string ExpectedSchemaListing { get; set; } = "";

    /// <summary>The host name this run must execute on.</summary>
    [ConfigurationKeyName("expected_host")] public string ExpectedHost { get; set; } = "";

    /// <summary>Pinned unit counts per document code, re-surveyed live before the run (drift).</summary>
    [ConfigurationKeyName("pinned_counts")] public Dictionary<string, long> PinnedCounts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>An ssh <c>allowed_signers</c> file naming who may sign approvals and rulings.</summary>
    [ConfigurationKeyName("allowed_signers_file")] public string AllowedSignersFile { get; set; } = "";

    /// <summary>Paths that must exist on the host before a run (install folders).</summary>
    [ConfigurationKeyName("required_paths")] public List<string> RequiredPaths { get; set; } = new();

    /// <summary>The previous release's folder and its manifest of file hashes (sha256 two-space path per line).</summary>
    [ConfigurationKeyName("previous_release_dir")] public string PreviousReleaseDir { get; set; } = "";
    [ConfigurationKeyName("previous_release_manifest")] public string PreviousReleaseManifest { get; set; } = "";

    /// <summary>The release's recorded test results (TRX or JUnit XML) and the minimum total they must reach.</summary>
    [ConfigurationKeyName("test_baseline_file")] public string TestBaselineFile { get; set; } = "";
    [ConfigurationKeyName("test_baseline_min")] public int TestBaselineMin { get; set; }

    /// <summary>Where encrypted backups are written.</summary>
    [ConfigurationKeyName("backup_dir")] public string BackupDir { get; set; } = "";

    /// <summary>When true, phase 5 also decrypts and restores the backup into a scratch database (needs the private key here).</summary>
    [ConfigurationKeyName("require_restore_proof")] public bool RequireRestoreProof { get; set; } = true;

    /// <summary>Folder holding pg_dump, pg_restore (empty: found on PATH or via pg_config).</summary>
    [ConfigurationKeyName("pg_bin_dir")] public string PgBinDir { get; set; } = "";

    /// <summary>Optional GNUPGHOME for the backup key (empty: gpg's default).</summary>
    [ConfigurationKeyName("gpg_home")] public string GpgHome { get; set; } = "";

    /// <summary>How long the execution ruling a run requests should stay valid, in minutes.</summary>
    [ConfigurationKeyName("ruling_ttl_minutes")] public int RulingTtlMinutes { get; set; } = 240;

    /// <summary>Config and env files the run will use; the precheck scans them for secrets and runtime ids.</summary>
    [ConfigurationKeyName("scan_paths")] public List<string> ScanPaths { get; set; } = new();

    /// <summary>
    /// Precheck name to the reason it is waived on this install (e.g. <c>"install_paths": "first install, no previous
    /// release"</c>). A waived check does not run and reports WAIVED with the reason; a waiver must give a reason.
    /// </summary>
    [ConfigurationKeyName("precheck_waivers")] public Dictionary<string, string> PrecheckWaivers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A KB document larger than this is refused before it is read or cut (default 8 MiB; docs/configuration.md#caps).</summary>
    [ConfigurationKeyName(DocumentCaps.MaxDocumentBytesKey)] public long MaxDocumentBytes { get; set; } = DocumentCaps.DefaultMaxDocumentBytes;

    /// <summary>A document line longer than this is refused (default 64 KiB).</summary>
    [ConfigurationKeyName(DocumentCaps.MaxLineBytesKey)] public int MaxLineBytes { get; set; } = DocumentCaps.DefaultMaxLineBytes;

    /// <summary>A unit whose normalized text is larger than this is refused (default 64 KiB).</summary>
    [ConfigurationKeyName(DocumentCaps.MaxUnitBytesKey)] public int MaxUnitBytes { get; set; } = DocumentCaps.DefaultMaxUnitBytes;

    /// <summary>Markdown nested deeper than this (lists, quotes, indentation) is refused before it is parsed (default 32).</summary>
    [ConfigurationKeyName(DocumentCaps.MaxNestingDepthKey)] public int MaxNestingDepth { get; set; } = DocumentCaps.DefaultMaxNestingDepth;

    /// <summary>The verifier's unencrypted OpenSSH Ed25519 private key; it signs verification-report.json (SSHSIG namespace cutter-report).</summary>
    [ConfigurationKeyName("verifier_key")] public string VerifierKey { get; set; } = "";

    /// <summary>
    /// The runner's unencrypted OpenSSH private key; it signs the log checkpoints (SSHSIG namespace cutter-checkpoint)
    /// and the closeout doc (cutter-closeout). Empty: no checkpoint is written, and `cutter audit verify` says so.
    /// </summary>
    [ConfigurationKeyName("runner_key")] public string RunnerKey { get; set; } = "";
}
