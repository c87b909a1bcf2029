using Cutter.Cutting;
using Cutter.Domain;
using Cutter.Knowledge;
using Cutter.Orchestration.State;
using Cutter.Rehearsal.Seeding;

namespace Cutter.Tests.Orchestration.Html;

/// <summary>Run states and cut plans for the page tests, built from real cuts.</summary>
internal static class PageFixtures
{
    public const string RunId = "3b0c2a51-6d7e-4f80-9a1b-2c3d4e5f6a7b";

    public static CandidateSet SampleTarget() =>
        DocumentCutter.Cut(KbDocumentReader.Read(KbDocId.Parse("KB-2186"), SampleKnowledgeBase.Read("KB-2186.md"), null, "KB-2186.md"), CuttingOptions.Default);

    public static RunState AwaitingSg1(CandidateSet plan) => new()
    {
        RunId = RunId,
        Mode = RunMode.Live,
        Actor = "tester",
        Document = new DocumentRef(plan.KbId.Value, plan.DocumentCode.Value, plan.Title),
        Status = RunStatus.AwaitingSg1,
        PayloadSha = plan.PayloadSha.ToString(),
        CandidateCount = plan.CandidateCount,
        CreatedUtc = new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero),
        UpdatedUtc = new DateTimeOffset(2026, 12, 3, 8, 0, 1, TimeSpan.Zero),
    };
}
