using Cutter.Cutting;
using Cutter.Domain;
using Cutter.Knowledge;
using Cutter.Store.Writes;
using Npgsql;

namespace Cutter.Rehearsal.Seeding;

/// <summary>
/// Fills a fresh store with the sample registry: every sample KB document except the rehearsal target is cut and
/// written as enacted (ICX-CONST with exactly 60 units among them), and all samples are placed in a folder KB.
/// Seeding runs as the owner, in one transaction, under a flag row of its own seed run (never another run's) like any
/// write, and only into an empty store: a store that holds any document or run is refused before anything is written.
/// </summary>
internal static class SampleRegistry
{
    /// <summary>The rehearsal's target document: it lives in the KB only, and a run writes it.</summary>
    public const string TargetFileName = "KB-2186.md";

    public static KbDocId TargetId => KbDocId.Parse(TargetFileName[..^3]);

    /// <summary>The signer of the seed's one review decision (owner-written, unsigned: the seed is not a governed run).</summary>
    public const string SeedSigner = "sample-registry-seed";

    private const string SeedDecision = """
        INSERT INTO cutter_governance.review_decision (review_decision_id, run_id, gate, approval_kb_id, approval_sha256, signer, signed_utc, recorded_at)
        VALUES (@id, @run, 'SG_2_lifecycle_authz', @kb, @sha, @signer, @at, @at)
        """;

    /// <summary>The first thing a store holds that seeding would mix with, or NULL when it is empty.</summary>
    private const string HoldsAnything = """
        SELECT coalesce(
            (SELECT 'document ' || kb_id FROM cutter_core.document ORDER BY document_id LIMIT 1),
            (SELECT 'run ' || run_id FROM cutter_governance.run LIMIT 1),
            (SELECT 'review decision ' || review_decision_id FROM cutter_governance.review_decision LIMIT 1),
            (SELECT 'execution flag of run ' || run_id FROM cutter_governance.execution_flag LIMIT 1))
        """;

    public static async Task<IReadOnlyList<DocumentCode>> SeedAsync(string ownerConnectionString, string kbFolder, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var seeded = new List<DocumentCode>();
        var seedRun = RunId.New();
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var existing = new NpgsqlCommand(HoldsAnything, connection, transaction))
        {
            if (await existing.ExecuteScalarAsync(cancellationToken) is string found)
            {
                throw new InvalidInputException("store", $"seed-samples fills an empty store only; this one already holds {found}");
            }
        }
        SampleKnowledgeBase.WriteTo(kbFolder);
        var kb = new FolderKnowledgeBase(kbFolder);
        // The seed run has no run row (it stands for no Cutter run), so its flag row is written by the owner directly.
        await using (var on = new NpgsqlCommand("INSERT INTO cutter_governance.execution_flag (run_id, enabled, ruling_kb_id, changed_at) VALUES (@run, true, NULL, now())", connection, transaction))
        {
            on.Parameters.AddWithValue("run", seedRun.Value);
            await on.ExecuteNonQueryAsync(cancellationToken);
        }
        var decision = Guid.NewGuid();
        // Not through record_decision: the seed is no run and has no signed approval. Its decision names the seed signer,
        // which `cutter audit verify` lists as the rehearsal's seed, not as a governed decision.
        await using (var seedDecision = new NpgsqlCommand(SeedDecision, connection, transaction))
        {
            seedDecision.Parameters.AddWithValue("id", decision);
            seedDecision.Parameters.AddWithValue("run", seedRun.Value);
            seedDecision.Parameters.AddWithValue("kb", KbDocId.None.Value);
            seedDecision.Parameters.AddWithValue("sha", Sha256Hex.Of("sample registry seed " + seedRun).Value);
            seedDecision.Parameters.AddWithValue("signer", SeedSigner);
            seedDecision.Parameters.AddWithValue("at", time.GetUtcNow());
            await seedDecision.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var fileName in SampleKnowledgeBase.FileNames.Where(f => f != TargetFileName))
        {
            var plan = DocumentCutter.Cut(await kb.GetAsync(KbDocId.Parse(fileName[..^3]), cancellationToken), CuttingOptions.Default);
            var documentId = await RunStore.RegisterDocumentAsync(connection, transaction, plan.KbId, plan.DocumentCode, plan.Title, cancellationToken);
            var ids = await IdAllocator.AllocateAsync(connection, transaction, IdAllocator.InformationUnitSequence, plan.CandidateCount, cancellationToken);
            await UnitCopyWriter.WriteUnitsAsync(connection, documentId, seedRun, PlanRows.Units(plan, ids), plan.CandidateCount, null, cancellationToken);
            var unitIdByAddress = plan.Units.Select((u, i) => (u.Address, Id: ids[i])).ToDictionary(x => x.Address, x => x.Id, StringComparer.Ordinal);
            var versionIds = await IdAllocator.AllocateAsync(connection, transaction, IdAllocator.UnitVersionSequence, plan.CandidateCount, cancellationToken);
            await UnitCopyWriter.WriteVersionsAsync(connection, seedRun, PlanRows.FirstVersions(plan, versionIds, address => unitIdByAddress[address]), plan.CandidateCount, null, cancellationToken);
            seeded.Add(plan.DocumentCode);
        }
        await RunStore.EnactAsync(connection, transaction, seedRun, decision, time.GetUtcNow(), cancellationToken);
        await using (var off = new NpgsqlCommand("DELETE FROM cutter_governance.execution_flag WHERE run_id = @run", connection, transaction))
        {
            off.Parameters.AddWithValue("run", seedRun.Value);
            await off.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return seeded;
    }
}
