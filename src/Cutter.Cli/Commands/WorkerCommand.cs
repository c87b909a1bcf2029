using System.CommandLine;
using Cutter.Cli.Output;
using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Orchestration.Workers;

namespace Cutter.Cli.Commands;

/// <summary>
/// `cutter worker`: takes batch documents from the queue in the store and carries each as far as it can go (cut, resume
/// through the batch's approvals, resume after a crash), one at a time under a renewed lease, until nothing is left that
/// a worker can do. Several workers, on one host or many, share one queue. Never reads stdin (safe under CI=true).
/// </summary>
internal sealed class WorkerCommand : Command
{
    private readonly Option<string?> _batch = new("--batch") { Description = "Only this batch (its name or id; default: every batch)" };
    private readonly Option<int> _lease = new("--lease")
    {
        Description = $"Seconds a taken item stays this worker's without a renewal (renewed every third; default {(int)WorkerOptions.DefaultLease.TotalSeconds})",
        DefaultValueFactory = _ => (int)WorkerOptions.DefaultLease.TotalSeconds,
    };
    private readonly Option<bool> _once = new("--once") { Description = "Take one item, carry it forward, exit" };
    private readonly Option<bool> _follow = new("--follow") { Description = "Keep polling for approvals and new items instead of exiting when nothing is left" };
    private readonly Option<string?> _workerId = new("--worker-id") { Description = "This worker's name in the queue and its log (default: host:pid from the environment)" };
    private readonly Option<string?> _config = CommonOptions.Config();

    public WorkerCommand() : base("worker", "Work batch documents from the queue in the store (many workers may share it)")
    {
        Options.Add(_batch);
        Options.Add(_lease);
        Options.Add(_once);
        Options.Add(_follow);
        Options.Add(_workerId);
        Options.Add(_config);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var options = ReadOptions(parse);
        var configuration = CutterConfiguration.Load(parse.GetValue(_config));
        using var logging = CliLogging.Create();
        var logger = logging.CreateLogger("cutter.worker");
        var human = JsonOutput.HumanOutput(parse);
        await using var worker = await WorkerComposition.CreateAsync(configuration, logger, parse.GetValue(_batch), options.Worker,
            line => human.WriteLine(line), cancellationToken);
        var summary = await worker.Loop.RunAsync(options with { BatchId = worker.BatchId }, cancellationToken);
        var exitCode = ExitCodeOf(summary);
        return JsonOutput.Result(parse, exitCode, () => Json(summary), output => Print(summary, output));
    }

    private WorkerOptions ReadOptions(ParseResult parse)
    {
        if (parse.GetValue(_once) && parse.GetValue(_follow)) throw new InvalidInputException("--once", "and --follow exclude each other: one item, or keep polling");
        var lease = TimeSpan.FromSeconds(parse.GetValue(_lease));
        if (lease < WorkerOptions.ShortestLease) throw new InvalidInputException("--lease", $"{parse.GetValue(_lease)} s is shorter than the {WorkerOptions.ShortestLease.TotalSeconds} s a renewal needs");
        var worker = parse.GetValue(_workerId) is { } named ? named.Trim() : WorkerIdentity.FromEnvironment();
        if (worker.Length is 0 or > 200) throw new InvalidInputException("--worker-id", "must be 1 to 200 characters");
        return new WorkerOptions(worker, null, lease, parse.GetValue(_once), parse.GetValue(_follow), WorkerOptions.DefaultPollInterval);
    }

    /// <summary>Stopped items (an operator must act) outrank items waiting for an approval (exit 7), which outrank done (0).</summary>
    public static int ExitCodeOf(WorkerSummary summary) =>
        summary.Count(WorkOutcome.Stopped) > 0 || summary.Left.Stopped > 0 ? ExitCodes.Stopped
        : summary.Left.AwaitingApproval > 0 ? ExitCodes.AwaitingApproval
        : ExitCodes.Ok;

    private static object Json(WorkerSummary summary) => new
    {
        Worker = summary.Worker,
        Items = summary.Items.Select(i => new { i.Position, i.Document, i.RunId, Outcome = WorkerLoop.Wire(i.Outcome), i.Detail, i.DurationMs }),
        Closed = summary.Count(WorkOutcome.Closed),
        Stopped = summary.Count(WorkOutcome.Stopped),
        Queue = new { summary.Left.Ready, summary.Left.Leased, AwaitingApproval = summary.Left.AwaitingApproval, summary.Left.Done, summary.Left.Stopped },
    };

    private static void Print(WorkerSummary summary, TextWriter output)
    {
        output.WriteLine($"worker {summary.Worker}: {summary.Items.Count} item(s) taken, {summary.Count(WorkOutcome.Closed)} closed, {summary.Count(WorkOutcome.AwaitingGate)} at a gate, {summary.Count(WorkOutcome.Stopped)} stopped");
        output.WriteLine($"queue: {summary.Left.Done} done, {summary.Left.Stopped} stopped, {summary.Left.AwaitingApproval} awaiting approval, {summary.Left.Ready} ready, {summary.Left.Leased} leased");
        if (summary.Left.AwaitingApproval > 0) output.WriteLine("next: sign the batch's pending approval (cutter batch status), then run the workers again");
    }
}
