using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Orchestration.Reports.Html;
using Cutter.Orchestration.State;
using Cutter.Tests.Support;
using Xunit;

namespace Cutter.Tests.Orchestration.Html;

[Collection(PostgresCollection.Name)]
public sealed class ReviewPageRunTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_live_run_paused_at_SG_1_leaves_the_review_page_for_its_request_in_the_run_folder()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);

        var paused = await harness.CutTargetAsync();

        Assert.Equal(RunStatus.AwaitingSg1, paused.Status);
        var folder = harness.Services.Sidecar.RunFolder(RunId.Parse(paused.RunId));
        var page = HtmlPageAssert.Parse(await File.ReadAllTextAsync(RunPages.ReviewPath(folder)));
        Assert.Equal($"cutter approve --request {paused.Gates[ApprovalGate.Sg1CutAuthz].RequestKbId} --key <your ssh key> --signer <your name>",
            page.GetElementById("approve-command")!.TextContent);
        Assert.Equal(paused.CandidateCount, page.QuerySelectorAll("#units .unit").Length);
        Assert.Contains(paused.PayloadSha!, page.GetElementById("payload")!.TextContent, StringComparison.Ordinal);
        Assert.False(File.Exists(RunPages.RunReportPath(folder)), "the run report is written at the end of the run, not at SG_1");
    }
}
