using Cutter.Cutting;
using Cutter.Orchestration.State;

namespace Cutter.Orchestration.Reports.Html;

/// <summary>
/// What the SG_1 review page shows: the run as it waits at SG_1, the cut plan it asks to write, and the requests to
/// sign. At most <see cref="UnitCap"/> units are shown in full so that a document of 100,000 units still gives a page
/// a browser opens; the page says when it stops short.
/// </summary>
internal sealed record ReviewPageModel(RunState State, CandidateSet Plan, string RequestKbId, string? RulingRequestKbId)
{
    public const int DefaultUnitCap = 2_000;

    public int UnitCap { get; init; } = DefaultUnitCap;

    /// <summary>Unit text longer than this is folded into a closed &lt;details&gt;.</summary>
    public int FoldAboveChars { get; init; } = 400;

    /// <summary>Unit text longer than this is cut, saying how much was left out (its sha256 still names all of it).</summary>
    public int ContentCapChars { get; init; } = 20_000;

    public static string ApproveCommand(string requestKbId) =>
        $"cutter approve --request {requestKbId} --key <your ssh key> --signer <your name>";

    public static string ResumeCommand(string runId, bool withRuling) =>
        $"cutter resume --run-id {runId} --approval <SG_1 approval doc id>" + (withRuling ? " --ruling <ruling approval doc id>" : "");
}
