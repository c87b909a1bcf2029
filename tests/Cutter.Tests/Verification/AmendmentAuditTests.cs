using Cutter.Cutting;
using Cutter.Cutting.Amendments;
using Cutter.Knowledge;
using Cutter.Rehearsal.Seeding;
using Cutter.Store;
using Cutter.Tests.Cutting.Amendments;
using Cutter.Verification;
using Xunit;

namespace Cutter.Tests.Verification;

/// <summary>
/// The amendment checks' judge (<see cref="AmendmentAudit"/>) over the rows an amendment of the sample charter leaves
/// (written here as 0011 and phase 10 write them): the rows as written pass all three judgements, and each broken
/// variant is rejected by the judgement it breaks, naming the unit. The same checks over a real store run in
/// AmendmentRunCliTests.
/// </summary>
public sealed class AmendmentAuditTests
{
    private static readonly Guid Enactment = Guid.Parse("11111111-1111-4111-8111-111111111111");
    private static readonly Guid Amendment = Guid.Parse("22222222-2222-4222-8222-222222222222");

    [Fact]
    public void The_rows_of_the_approved_diff_pass_every_judgement()
    {
        var store = AmendedStore.Build();
        var audit = store.Audit();

        Assert.Equal(store.PinnedEnactedSha, audit.BeforeSha);
        Assert.Equal(store.ApprovedDiffSha, audit.DiffSha);
        Assert.Empty(audit.WriteFindings());
        Assert.Empty(audit.TextFindings());
        Assert.Empty(audit.RetireFindings());
        Assert.Equal(SampleAmendmentTests.ExpectedWrites, audit.Diff.Writes.Select(SampleAmendmentTests.Describe));
        Assert.Equal("43 unchanged, 4 changed, 2 added, 1 removed, 3 moved", audit.Summary());
    }

    [Fact]
    public void An_unchanged_unit_given_a_new_version_by_the_run_is_not_in_the_diff_even_with_the_same_text()
    {
        var store = AmendedStore.Build();
        var untouched = store.Rows.Single(r => r.Address == "part-1/ch-1/art-2/cl-1");
        store.Rows[store.Rows.IndexOf(untouched)] = untouched with { SupersededRunId = Amendment };
        store.Rows.Add(untouched with { UvId = 9001, VersionNo = 2, VersionRunId = Amendment, VersionHeading = untouched.UnitHeading, VersionParentIuId = untouched.UnitParentIuId });

        var findings = store.Audit().WriteFindings();

        Assert.Equal(
            [
                "versions written: 1 not in the diff (part-1/ch-1/art-2/cl-1 v2)",
                "versions superseded: 1 not in the diff (part-1/ch-1/art-2/cl-1 v1)",
            ],
            findings);
    }

    [Fact]
    public void An_unchanged_unit_edited_in_place_breaks_the_pinned_enacted_state()
    {
        var store = AmendedStore.Build();
        var untouched = store.Rows.Single(r => r.Address == "part-1/ch-1/art-2/cl-1");
        store.Rows[store.Rows.IndexOf(untouched)] = untouched with { Content = "1. Quietly edited.", ContentSha256 = Sha("1. Quietly edited.") };

        var audit = store.Audit();

        Assert.NotEqual(store.PinnedEnactedSha, audit.BeforeSha);
    }

    [Fact]
    public void A_changed_unit_whose_new_version_is_not_the_new_text_fails_the_text_judgement()
    {
        var store = AmendedStore.Build();
        var changed = store.Rows.Single(r => r.Address == "part-2/ch-4/art-7/cl-1" && r.VersionNo == 2);
        const string other = "1. The Board consists of nine persons elected by the Assembly for two years.";
        store.Rows[store.Rows.IndexOf(changed)] = changed with { Content = other, ContentSha256 = Sha(other) };

        var findings = store.Audit().TextFindings();

        var finding = Assert.Single(findings);
        Assert.StartsWith("enacted units: 1 missing (part-2/ch-4/art-7/cl-1 clause under part-2/ch-4/art-7 '1.' ", finding, StringComparison.Ordinal);
        Assert.Contains($"1 not in the diff (part-2/ch-4/art-7/cl-1 clause under part-2/ch-4/art-7 '1.' {Sha(other)})", finding, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_version_whose_text_does_not_rehash_to_its_sha_fails_the_text_judgement()
    {
        var store = AmendedStore.Build();
        var changed = store.Rows.Single(r => r.Address == "part-1/ch-1/art-1" && r.VersionNo == 2);
        store.Rows[store.Rows.IndexOf(changed)] = changed with { Content = changed.Content + " (edited)" };

        Assert.Equal(["1 current or new version(s) whose text does not re-hash (in C#) to content_sha256: part-1/ch-1/art-1 v2"], store.Audit().TextFindings());
    }

    [Fact]
    public void A_removed_unit_left_enacted_fails_the_retire_judgement()
    {
        var store = AmendedStore.Build();
        var removed = store.Rows.Single(r => r.Address == "part-1/ch-1/art-2/cl-3");
        store.Rows[store.Rows.IndexOf(removed)] = removed with { LifecycleState = "enacted", RetiredRunId = null };
        store.Lifecycle.RemoveAll(l => l.IuId == removed.IuId);

        Assert.Equal(
            [
                "units retired: 1 missing (part-1/ch-1/art-2/cl-3)",
                "lifecycle rows retiring a unit: 1 missing (part-1/ch-1/art-2/cl-3 enacted -> retired)",
            ],
            store.Audit().RetireFindings());
    }

    [Fact]
    public void A_unit_retired_without_its_mark_fails_the_retire_judgement()
    {
        var store = AmendedStore.Build();
        var removed = store.Rows.Single(r => r.Address == "part-1/ch-1/art-2/cl-3");
        store.Rows[store.Rows.IndexOf(removed)] = removed with { RetiredRunId = null };

        var audit = store.Audit();

        // Without its mark the unit is no longer one the run retired, so the state before the run no longer rebuilds either.
        Assert.Contains("1 unit(s) whose state and retired_run_id disagree: part-1/ch-1/art-2/cl-3", audit.RetireFindings());
        Assert.NotEqual(store.PinnedEnactedSha, audit.BeforeSha);
    }

    [Fact]
    public void The_amendment_gate_swaps_the_initial_run_counts_for_the_three_amendment_checks()
    {
        Assert.Equal(19, VerificationChecks.Amendment.Count);
        Assert.Equal(
            [.. VerificationChecks.All.Select(c => c.Name).Take(3), VerificationChecks.AmendmentWrites, VerificationChecks.AmendedText, VerificationChecks.RetiredUnits,
             .. VerificationChecks.All.Select(c => c.Name).Skip(7)],
            VerificationChecks.Amendment.Select(c => c.Name));
        Assert.Equal(
            [VerificationChecks.TargetUnitCount, VerificationChecks.TargetVersionCount, VerificationChecks.TargetContent, VerificationChecks.LifecycleRows],
            VerificationChecks.All.Select(c => c.Name).Skip(3).Take(4));
    }

    private static string Sha(string text) => Cutter.Domain.Sha256Hex.Of(System.Text.Encoding.UTF8.GetBytes(text)).Value;

    /// <summary>The target's rows after an enactment of the sample charter and the approved amendment of it, as 0011 holds them.</summary>
    private sealed class AmendedStore
    {
        public List<DocumentVersionRow> Rows { get; } = [];
        public List<LifecycleRow> Lifecycle { get; } = [];
        public required CandidateSet Amended { get; init; }
        public required Cutter.Domain.Hashing.VersionedHash PinnedEnactedSha { get; init; }
        public required Cutter.Domain.Hashing.VersionedHash ApprovedDiffSha { get; init; }

        public AmendmentAudit Audit() => new(Amendment, Amended.DocumentCode, Rows, Lifecycle, Amended);

        public static AmendedStore Build()
        {
            var original = Cut(SampleKnowledgeBase.Read(SampleRegistry.TargetFileName));
            var amended = Cut(SampleKnowledgeBase.ReadAmended(SampleRegistry.TargetFileName));
            var idOf = original.Units.ToDictionary(u => u.Address, u => (long)u.Ordinal, StringComparer.Ordinal);
            var enacted = original.Units.Select(u => EnactedUnit.Of(u.Ordinal, u.Address, u.Ordinal, u.Kind, u.ParentAddress, u.Heading, 1, u.ContentSha256, u.Content)).ToList();
            var pinned = AmendmentSerializer.EnactedSha(amended.DocumentCode, enacted);
            var diff = AmendmentDiff.Compute(enacted, amended.Units);
            var store = new AmendedStore { Amended = amended, PinnedEnactedSha = pinned, ApprovedDiffSha = AmendmentSerializer.DiffSha(amended.DocumentCode, pinned, diff) };

            var rowOf = new Dictionary<long, DocumentVersionRow>();
            foreach (var u in original.Units)
            {
                rowOf[u.Ordinal] = new DocumentVersionRow(u.Ordinal, u.Address, u.Ordinal, u.Kind, u.ParentAddress is { } p ? idOf[p] : null, u.Heading, "enacted", Enactment, null, null,
                    1000 + u.Ordinal, 1, u.Content, u.ContentSha256, "sha256:content-v1", Enactment, null, null, null);
            }
            // The address -> unit of the amended document: kept units keep their id, new ones get the next.
            var after = new Dictionary<string, long>(StringComparer.Ordinal);
            long next = 100;
            foreach (var change in diff.Changes.Where(c => c.After is not null))
            {
                after[change.Address] = change.Operation is AmendmentOperation.Unchanged or AmendmentOperation.Changed ? change.Before!.UnitId : next++;
            }
            foreach (var change in diff.Changes)
            {
                var candidate = change.After;
                switch (change.Operation)
                {
                    case AmendmentOperation.Changed:
                        var old = rowOf[change.Before!.UnitId];
                        rowOf[old.IuId] = old with { SupersededRunId = Amendment };
                        store.Rows.Add(old with { UvId = 2000 + old.IuId, VersionNo = 2, Content = candidate!.Content, ContentSha256 = candidate.ContentSha256, VersionRunId = Amendment,
                            VersionHeading = candidate.Heading, VersionParentIuId = candidate.ParentAddress is { } p ? after[p] : null });
                        store.Lifecycle.Add(new LifecycleRow(old.IuId, "enacted@v1", "enacted@v2"));
                        break;
                    case AmendmentOperation.Added or AmendmentOperation.Moved:
                        var id = after[candidate!.Address];
                        store.Rows.Add(new DocumentVersionRow(id, candidate.Address, candidate.Ordinal, candidate.Kind, candidate.ParentAddress is { } q ? after[q] : null, candidate.Heading,
                            "enacted", Amendment, null, change.Before?.UnitId, 3000 + id, 1, candidate.Content, candidate.ContentSha256, "sha256:content-v1", Amendment, null, null, null));
                        store.Lifecycle.Add(new LifecycleRow(id, "draft", "enacted"));
                        break;
                }
                if (change.Operation is AmendmentOperation.Removed or AmendmentOperation.Moved)
                {
                    rowOf[change.Before!.UnitId] = rowOf[change.Before.UnitId] with { LifecycleState = "retired", RetiredRunId = Amendment };
                    store.Lifecycle.Add(new LifecycleRow(change.Before.UnitId, "enacted", "retired"));
                }
            }
            store.Rows.AddRange(rowOf.Values);
            return store;
        }

        private static CandidateSet Cut(byte[] bytes) =>
            DocumentCutter.Cut(KbDocumentReader.Read(SampleRegistry.TargetId, bytes, null, SampleRegistry.TargetFileName), CuttingOptions.Default);
    }
}
