using System.CommandLine;
using Cutter.Cli.Output;
using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Governance.Signatures;
using Cutter.Orchestration.Batches;
using Cutter.Store.Batches;
using Microsoft.Extensions.Logging;

namespace Cutter.Cli.Commands;

/// <summary>`cutter batch plan | status | resume`: many documents under one signed approval per gate (docs/batches.md).</summary>
internal static class BatchCommand
{
    public static Command Create()
    {
        var batch = new Command("batch", "Cut many documents under one signed approval per gate");
        batch.Subcommands.Add(Plan());
        batch.Subcommands.Add(Status());
        batch.Subcommands.Add(Resume());
        return batch;
    }

    private static Option<string> Name() => new("--name") { Description = "The batch's name (letters, digits, '.', '_', '-')", Required = true };

    private static Command Plan()
    {
        var name = Name();
        var documents = new Option<string?>("--documents") { Description = "The documents, comma-separated KB ids (KB-1,KB-2,…)" };
        var from = new Option<FileInfo?>("--from") { Description = "A file listing the documents, one KB id per line ('#' starts a comment)" };
        var actor = new Option<string>("--actor") { Description = "Who plans the batch (recorded in every run)", Required = true };
        var config = CommonOptions.Config();
        var command = new Command("plan", "Cut every document to SG_1 as its own run and write ONE SG_1 request over their Merkle root to orchestrator.batch_dir");
        foreach (var option in new Option[] { name, documents, from, actor, config }) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var ids = DocumentList(parse.GetValue(documents), parse.GetValue(from));
            var (runner, services) = Compose(parse.GetValue(config), "cutter.batch");
            await using var _ = services;
            var plan = await runner.PlanAsync(parse.GetValue(name)!, ids, parse.GetValue(actor)!, ct);
            return JsonOutput.Result(parse, ExitCodes.AwaitingApproval,
                () => new
                {
                    Batch = new
                    {
                        plan.Name,
                        BatchId = plan.BatchId.ToString("D"),
                        MerkleRoot = plan.MerkleRoot.ToString(),
                        plan.RequestPath,
                        plan.RequestSha,
                        Documents = plan.Documents.Select(d => new { d.Position, KbId = d.KbId.Value, RunId = d.RunId.ToString(), d.CandidateCount, PayloadSha = d.PayloadSha.ToString() }),
                    },
                    Next = $"{BatchFiles.SignCommand(plan.RequestPath)}, then cutter batch resume --name {plan.Name}",
                },
                output =>
                {
                    output.WriteLine($"batch {plan.Name}: {plan.Documents.Count} documents, root {plan.MerkleRoot}");
                    foreach (var d in plan.Documents) output.WriteLine($"  {d.Position,4}  {d.KbId,-9}  run {d.RunId}  {d.CandidateCount} units  {d.PayloadSha}");
                    output.WriteLine($"SG_1 request: {plan.RequestPath}");
                    output.WriteLine($"sign it: {BatchFiles.SignCommand(plan.RequestPath)}; then cutter batch resume --name {plan.Name}");
                });
        });
        return command;
    }

    private static Command Status()
    {
        var name = Name();
        var config = CommonOptions.Config();
        var command = new Command("status", "Show each document of a batch: its queue state, run phase, who works on it, and its STOP");
        command.Options.Add(name);
        command.Options.Add(config);
        command.SetAction(async (parse, ct) =>
        {
            var (runner, services) = Compose(parse.GetValue(config), "cutter.batch");
            await using var _ = services;
            var report = await runner.StatusAsync(parse.GetValue(name)!, ct);
            return JsonOutput.Result(parse, ExitCodes.Ok, () => new { Batch = report }, output => Print(report, output));
        });
        return command;
    }

    private static Command Resume()
    {
        var name = Name();
        var config = CommonOptions.Config();
        var command = new Command("resume", "Record a batch gate approval signed beside its request, then take every queued document forward in this process");
        command.Options.Add(name);
        command.Options.Add(config);
        command.SetAction(async (parse, ct) =>
        {
            var (runner, services) = Compose(parse.GetValue(config), "cutter.batch");
            await using var _ = services;
            var report = await runner.ResumeAsync(parse.GetValue(name)!, $"{Environment.MachineName}/{Environment.ProcessId}", ct);
            var exit = report.Finished ? (report.Partial ? ExitCodes.Stopped : ExitCodes.Ok) : ExitCodes.AwaitingApproval;
            return JsonOutput.Result(parse, exit, () => new { Batch = report }, output => Print(report, output));
        });
        return command;
    }

    private static (BatchRunner Runner, Orchestration.OrchestratorServices Services) Compose(string? configPath, string category)
    {
        var configuration = CutterConfiguration.Load(configPath);
        using var logging = CliLogging.Create();
        var services = CliComposition.Services(configuration, logging.CreateLogger(category));
        if (string.IsNullOrWhiteSpace(configuration.Orchestrator.AllowedSignersFile)) throw new InvalidInputException("orchestrator.allowed_signers_file", "is not configured");
        return (new BatchRunner(services, AllowedSigners.Load(configuration.Orchestrator.AllowedSignersFile)), services);
    }

    /// <summary>Exactly one of --documents and --from; every entry a KB id.</summary>
    internal static IReadOnlyList<KbDocId> DocumentList(string? documents, FileInfo? from)
    {
        if ((documents is null) == (from is null)) throw new InvalidInputException("--documents", "give the documents either with --documents KB-1,KB-2,… or with --from FILE (one of them)");
        var (input, entries) = documents is not null
            ? ("--documents", documents.Split(','))
            : ($"--from {from!.FullName}", File.ReadAllLines(from.FullName).Select(l => l.Split('#')[0]).ToArray());
        var ids = entries.Select(e => e.Trim()).Where(e => e.Length > 0).Select(e =>
            KbDocId.TryParse(e, out var id) ? id : throw new InvalidInputException(input, $"'{e}' is not a KB id (KB-<digits>)")).ToArray();
        return ids.Length > 0 ? ids : throw new InvalidInputException(input, "names no document");
    }

    private static void Print(BatchStatusReport report, TextWriter output)
    {
        output.WriteLine($"batch {report.Name} ({report.BatchId}): {report.State}, {report.DocumentCount} documents, root {report.MerkleRoot}");
        output.WriteLine("  " + string.Join(", ", report.Counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Value} {c.Key}"))
            + (report.Finished ? report.Partial ? " — finished, PARTIAL" : " — finished" : ""));
        foreach (var gate in report.Gates.Where(g => g.RequestPath is not null))
        {
            output.WriteLine($"  {gate.Gate}: {gate.RequestPath} " + (gate.ApprovalKbId is { } id ? $"approved by {gate.Signer} ({id})" : "not yet signed"));
        }
        output.WriteLine($"  {"pos",4}  {"document",-9}  {"state",-13}  {"run state",-17}  {"phase",5}  worker / STOP");
        foreach (var d in report.Documents)
        {
            var who = d.State == BatchItemStates.Working ? $"{d.LeaseOwner} until {d.LeaseUntil:u}" : d.StopCode is { } code ? $"{code}: {d.StopDetail}" : "";
            output.WriteLine($"  {d.Position,4}  {d.KbId,-9}  {d.State,-13}  {d.RunState,-17}  {d.LastPhase,5}  {who}");
        }
        output.WriteLine($"next: {report.Next}");
    }
}
