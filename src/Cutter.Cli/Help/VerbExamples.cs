namespace Cutter.Cli.Help;

/// <summary>One example under a verb's help: the command line as an operator types it, and what it does.</summary>
internal sealed record VerbExample(string CommandLine, string What);

/// <summary>
/// The examples `cutter VERB --help` ends with, keyed by the verb as help names it ("db grant-matrix"). A new verb
/// adds its entry here; HelpTests fails for a verb without examples.
/// </summary>
internal static class VerbExamples
{
    private static readonly Dictionary<string, VerbExample[]> ByVerb = new(StringComparer.Ordinal)
    {
        [""] =
        [
            new("cutter rehearse", "a complete governed run of the sample document on a disposable PostgreSQL"),
            new("cutter plan KB-2186 --kb-root ./kb", "what a run of KB-2186 would write, without writing anything"),
            new("cutter orchestrate --document KB-2186 --mode live --actor alice --json", "start a run; exit 7 and the requests to approve when it pauses at SG_1"),
        ],
        ["rehearse"] =
        [
            new("cutter rehearse", "boot a disposable PostgreSQL, run the sample cut through both gates, verify, tear down"),
            new("cutter rehearse --work-dir ./rehearsal --json", "the same, keeping the files in ./rehearsal and printing the run as JSON"),
            new("cutter rehearse --amendment", "then a second act: amend the enacted sample charter through both gates again and verify that amendment run"),
        ],
        ["show"] =
        [
            new("cutter show KB-2186", "the document's footprint: units, versions, enacted units and the content hash a revert is compared with"),
            new("cutter show KB-2186 part-1/ch-1/art-1 --at 2026-12-03", "what article 1 said at the end of that day (UTC), the run that wrote it, and every version that stood there"),
        ],
        ["orchestrate"] =
        [
            new("cutter orchestrate --document KB-2186 --mode dry-run --actor alice", "run the read-only phases and stop (exit 0)"),
            new("cutter orchestrate --document KB-2186 --mode live --actor alice --json", "start a live run; it pauses at SG_1 with exit 7 and names the requests to approve"),
        ],
        ["resume"] =
        [
            new("cutter resume --run-id RUN --approval KB-3001 --ruling KB-3002", "continue from SG_1 with the signed approval and execution ruling (pauses at SG_2: exit 7)"),
            new("cutter resume --run-id RUN --approval KB-3003 --json", "continue from SG_2 to closeout (exit 0)"),
            new("cutter resume --run-id RUN", "continue a run interrupted by a crash, from its phase ledger"),
        ],
        ["status"] =
        [
            new("cutter status", "one line per run under orchestrator.sidecar_root"),
            new("cutter status --run-id RUN --json", "one run's phases, gates and pending requests as JSON"),
        ],
        ["revert"] =
        [
            new("cutter revert --run-id RUN --reason \"wrong source\"", "write the SG_3 request for undoing the run (exit 7)"),
            new("cutter revert --run-id RUN --approval KB-3010", "undo the run's writes under the signed SG_3 approval"),
        ],
        ["compensate"] =
        [
            new("cutter compensate --run-id RUN --reason \"torn write\"", "write the SG_3 request for restoring the pre-run state (exit 7)"),
            new("cutter compensate --run-id RUN --approval KB-3011", "restore the pre-run state under the signed SG_3 approval"),
        ],
        ["batch"] = [new("cutter batch plan --name bylaws-2026 --from bylaws.txt --actor alice", "cut every listed document to SG_1 and write one SG_1 request for the batch")],
        ["batch plan"] =
        [
            new("cutter batch plan --name bylaws-2026 --documents KB-101,KB-102,KB-103 --actor alice", "cut three documents to SG_1, each its own run; exit 7 with the batch's SG_1 request to sign"),
            new("cutter batch plan --name codes --from codes.txt --actor alice --json", "the documents listed one per line in codes.txt; the request path and Merkle root as JSON"),
        ],
        ["batch status"] =
        [
            new("cutter batch status --name bylaws-2026", "each document's queue state, run phase, worker and STOP"),
            new("cutter batch status --name bylaws-2026 --json", "the same as JSON"),
        ],
        ["batch resume"] =
        [
            new("cutter batch resume --name bylaws-2026", "after ssh-keygen -Y sign -n cutter-approval of BATCH_DIR/bylaws-2026/request-SG_1_cut_authz.md: record the approval and take every document to SG_2 (exit 7 with the SG_2 request)"),
            new("cutter batch resume --name bylaws-2026 --json", "after signing the SG_2 request: enact every document (exit 0; 3 when some documents stopped)"),
        ],
        ["worker"] =
        [
            new("cutter worker --batch charters-2026", "work the batch's documents until nothing is left a worker can do (exit 7 while some wait for the batch's approval)"),
            new("cutter worker --batch charters-2026 --lease 120 --follow --json", "keep polling for approvals and items; one JSON summary when stopped"),
            new("cutter worker --once --worker-id runner-a", "take one item from any batch, carry it forward, exit"),
        ],
        ["db"] = [new("cutter db migrate", "apply the schema as the owner")],
        ["db migrate"] = [new("cutter db migrate --json", "with the owner's connection string in DOT_CUTTER_ADMIN_CONNECTION: apply pending migrations and list them")],
        ["db grant-matrix"] = [new("cutter db grant-matrix --json", "the lanes' grants and their sha, compared with orchestrator.expected_grant_matrix_sha (exit 4 when they differ)")],
        ["db schema-pin"] =
        [
            new("cutter db schema-pin", "the store's executable surface (functions, triggers, policies, owners, grants to every role) and its sha, compared with orchestrator.expected_schema_sha (exit 4 when they differ)"),
            new("cutter db schema-pin --write reviewed-schema.txt", "also keep the listing to review and pin as orchestrator.expected_schema_listing"),
        ],
        ["db seed-samples"] = [new("cutter db seed-samples --kb-root ./kb", "fill an empty store with the sample registry and its KB documents")],
        ["audit"] = [new("cutter audit verify", "walk every audit hash chain")],
        ["audit verify"] = [new("cutter audit verify --json", "the chain heads, or the first break (exit 4)")],
        ["plan"] =
        [
            new("cutter plan KB-2186 --kb-root ./kb", "the unit tree, counts per kind, candidate count and payload sha"),
            new("cutter plan ./drafts/charter.md --json", "the same for a file, as JSON (an invalid document gives its diagnostics and exit 2)"),
        ],
        ["approve"] =
        [
            new("cutter approve --request KB-3001 --key ./approver --signer alice@example.org", "show the request, ask for 'approve', sign and write the approval"),
            new("cutter approve --request KB-3001 --agent --key ./approver.pub --signer alice@example.org --yes --json", "sign with the key in ssh-agent, without asking, and print the approval id as JSON"),
            new("cutter approve --request KB-3001 --key ./approver --passphrase-file ./pass --signer alice@example.org --yes", "sign with a passphrase-protected key from a script"),
        ],
        ["precheck"] = [new("cutter precheck --config ./cutter.json --json", "every precheck with its verdict and reason (exit 4 on any failure)")],
        ["release-manifest"] =
        [
            new("cutter release-manifest ./release", "print the sha256sum-format manifest of a release folder"),
            new("cutter release-manifest ./release --output ./previous-release.sha256", "write it where orchestrator.previous_release_manifest points"),
        ],
        ["verify"] = [new("cutter verify --run-id RUN --json", "run every post-run check, write the signed report, print the verdicts (exit 4 on a failure)")],
        ["scan"] =
        [
            new("cutter scan src appsettings.json", "hard-coded secrets (CUT001) and runtime ids (CUT002), one finding per line (exit 4 on a finding)"),
            new("cutter scan src --format sarif > scan.sarif", "the same as SARIF 2.1.0 for a code-scanning upload"),
        ],
    };

    public static IReadOnlyList<VerbExample> For(string verb) => ByVerb.TryGetValue(verb, out var examples) ? examples : [];
}
