using Cutter.Cutting;
using Cutter.Domain;
using Cutter.Knowledge;
using Cutter.Store.Writes;
using Npgsql;

namespace Cutter.Rehearsal.Seeding;

/// <summary>
/// Fills a fresh store with the sample registry: every sample KB document except the rehearsal target is cut and
/// written as enacted (ICX-CONST with exactly 60 units among them), and all samples are placed in a folder KB.
/// Seeding runs as the owner, in one transaction, under the execution flag like any write.
/// </summary>
internal static class SampleRegistry
{
    /// <summary>The rehearsal's target document: it lives in the KB only, and a run writes it.</summary>
    public const string TargetFileName = "KB-2186.md";

    public static KbDocId TargetId => KbDocId.Parse(TargetFileName[..^3]);

    public static async Task<IReadOnlyList<DocumentCode>> SeedAsync(string ownerConnectionString, string kbFolder, TimeProvider time, CancellationToken cancellationToken = default)
    {
        SampleKnowledgeBase.WriteTo(kbFolder);
        var kb = new FolderKnowledgeBase(kbFolder);
        var seeded = new List<DocumentCode>();
        var seedRun = RunId.New();
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var on = new NpgsqlCommand("UPDATE cutter_governance.execution_flag SET enabled = true, run_id = @run, changed_at = now()", connection, transaction))
        {
            on.Parameters.AddWithValue("run", seedRun.Value);
            await on.ExecuteNonQueryAsync(cancellationToken);
        }
        var decision = Guid.NewGuid();
        await RunStore.InsertReviewDecisionAsync(connection, transaction,
            new ReviewDecisionRow(decision, seedRun, "SG_2_lifecycle_authz", KbDocId.None.Value, Sha256Hex.Of("sample registry seed " + seedRun).Value, null, "sample-registry-seed", time.GetUtcNow()),
            time.GetUtcNow(), cancellationToken);

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
        await using (var off = new NpgsqlCommand("UPDATE cutter_governance.execution_flag SET enabled = false, run_id = NULL, changed_at = now()", connection, transaction))
        {
            await off.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return seeded;
    }
}
