using Cutter.Governance.Approvals;
using Cutter.Orchestration.Reports.Html;
using Cutter.Orchestration.State;
using Cutter.Store.Audit;
using Xunit;

namespace Cutter.Tests.Orchestration.Html;

public sealed class RunReportPageTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);

    private static RunState FinishedRun()
    {
        var state = PageFixtures.AwaitingSg1(PageFixtures.SampleTarget());
        state.Status = RunStatus.CloseoutReported;
        state.FinalState = RunStatus.CloseoutReported;
        state.CloseoutKbId = "KB-2204";
        state.Phases =
        [
            new PhaseRecord { Number = 1, Name = "preflight", WritesProduction = false, Result = PhaseResult.Passed, StartedUtc = Start, DurationMs = 1200, ReportKbId = "KB-2187" },
            new PhaseRecord { Number = 2, Name = "backup", WritesProduction = false, Result = PhaseResult.Passed, StartedUtc = Start.AddSeconds(2), DurationMs = 600 },
            new PhaseRecord { Number = 3, Name = "write_units", WritesProduction = true, Result = PhaseResult.Stopped, StartedUtc = Start.AddSeconds(3), DurationMs = 0, RowsWritten = 51 },
        ];
        state.Gates[ApprovalGate.Sg1CutAuthz] = new GateRecord
        {
            Gate = ApprovalGate.Sg1CutAuthz, RequestKbId = "KB-2191", ApprovalKbId = "KB-2193", Signer = "alice <script>&co",
            SignedUtc = Start.AddMinutes(1), ConsumedUtc = Start.AddMinutes(2),
        };
        state.Ruling = new RulingRecord("KB-2194", "bob", Start.AddHours(4));
        state.RulingRequestKbId = "KB-2192";
        state.Backup = new BackupRecord("/backups/run.dump.gpg", "sha256:bytes-v1:ab", "BCE0C024", 69_727, true, "restored into a scratch database; 3 documents hash equal");
        return state;
    }

    private static async Task<AngleSharp.Dom.IDocument> RenderAsync(RunReportModel model) =>
        HtmlPageAssert.Parse(await PageRenderer.RenderAsync<RunReportPage>(nameof(RunReportPage.Model), model));

    [Fact]
    public async Task The_run_report_shows_the_timeline_gates_backup_checks_and_audit_heads()
    {
        var verification = new RunReportVerification(false, Start.AddMinutes(5),
        [
            new RunReportCheck("target_unit_count", "51", "51", true),
            new RunReportCheck("execution_flag", "off", "<b>on</b> & stuck", false),
        ]);
        var page = await RenderAsync(new RunReportModel(FinishedRun(), [new ChainHead("cutter_governance.audit", 42, "9f1e"), new ChainHead("runs-index", 0, null)], verification));

        HtmlPageAssert.SectionsPresent(page, "summary", "timeline", "gates", "backup", "verification", "audit-heads");
        HtmlPageAssert.SelfContained(page);
        Assert.Equal(["width: 100%", "width: 50%", "width: 0%"], page.QuerySelectorAll("#timeline-chart .bar").Select(b => b.GetAttribute("style") ?? "").ToArray());
        Assert.Equal(["passed", "passed", "stopped"], page.QuerySelectorAll("#timeline-chart .bar").Select(b => b.ClassList.Last()).ToArray());
        Assert.Equal(["1,200 ms", "600 ms", "0 ms"], page.QuerySelectorAll("#timeline-chart .ms").Select(m => m.TextContent).ToArray());
        Assert.Equal(
        [
            "SG_1_cut_authz|KB-2191|KB-2193|alice <script>&co|2026-12-03 08:01:00Z|2026-12-03 08:02:00Z",
            "execution ruling|KB-2192|KB-2194|bob|-|expires 2026-12-03 12:00:00Z",
        ], Rows(page, "#gates-table"));
        Assert.Contains("restored into a scratch database; 3 documents hash equal", page.GetElementById("backup")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["target_unit_count|pass|51|51", "execution_flag|FAIL|off|<b>on</b> & stuck"], Rows(page, "#checks-table"));
        Assert.Empty(page.QuerySelectorAll("#checks-table b"));
        Assert.Equal("1 of 2 checks passed at 2026-12-03 08:05:00Z: FAILED", page.GetElementById("verdict")!.TextContent);
        Assert.Equal(["cutter_governance.audit|42|9f1e", "runs-index|0|(empty)"], Rows(page, "#audit-table"));
    }

    [Fact]
    public async Task Before_verification_the_report_says_how_to_verify_and_that_no_heads_are_recorded()
    {
        var page = await RenderAsync(new RunReportModel(FinishedRun(), [], Verification: null));

        HtmlPageAssert.SectionsPresent(page, "summary", "timeline", "gates", "backup", "verification", "audit-heads");
        Assert.Null(page.GetElementById("checks-table"));
        Assert.Contains($"cutter verify --run-id {PageFixtures.RunId}", page.GetElementById("verification")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("No audit chain heads were recorded for this run yet.", page.QuerySelector("#audit-heads p")!.TextContent);
    }

    private static string[] Rows(AngleSharp.Dom.IDocument page, string table) =>
        page.QuerySelectorAll($"{table} tbody tr").Select(r => string.Join('|', r.Children.Select(c => c.TextContent))).ToArray();
}
