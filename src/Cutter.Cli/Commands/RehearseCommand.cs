using System.CommandLine;
using Cutter.Cli.Output;
using System.Globalization;
using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Orchestration.Reports.Html;
using Cutter.Rehearsal;
using Cutter.Verification;
using Microsoft.Extensions.Logging;

namespace Cutter.Cli.Commands;

/// <summary>
/// `cutter rehearse`: the main job on the embedded default. Boots a disposable PostgreSQL, migrates, seeds the
/// sample registry and KB, makes throwaway keys, runs the sample target live through both signed gates, and tears
/// the server down; the run's files stay in the work folder.
/// </summary>
internal sealed class RehearseCommand : Command
{
    private readonly Option<DirectoryInfo> _workDir = new("--work-dir") { Description = "Folder for the rehearsal's files (default: ./.cutter-rehearsal/<UTC time>)" };
    private readonly Option<bool> _amendment = new("--amendment") { Description = "Then run the second act: amend the enacted sample charter (three units changed, two added, one removed, articles renumbered) through both gates again and verify that amendment run" };
    private readonly Option<bool> _setupOnly = new("--setup-only") { Description = "Only create, seed and configure the store (cutter.json, cutter.env) and keep it, for driving the run with separate commands; needs CUTTER_TEST_PG" };

    public RehearseCommand() : base("rehearse", "Run a complete governed cut of the sample document on a disposable PostgreSQL and verify it")
    {
        Options.Add(_workDir);
        Options.Add(_setupOnly);
        Options.Add(_amendment);
        SetAction((parse, ct) => RunAsync(parse, ct));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var logging = CliLogging.Create();
        var logger = logging.CreateLogger("cutter.rehearse");
        var workDir = parse.GetValue(_workDir)?.FullName
            ?? Path.Combine(Environment.CurrentDirectory, ".cutter-rehearsal", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        var time = TimeProvider.System;

        var setupOnly = parse.GetValue(_setupOnly);
        if (setupOnly && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EnvironmentNames.ExistingTestServer)))
        {
            throw new InvalidInputException("--setup-only", $"the store must outlive this command, so it needs a server you run: set {EnvironmentNames.ExistingTestServer} to its admin connection string");
        }

        await using var environment = await RehearsalEnvironment.CreateAsync(workDir, logger, time, cancellationToken);
        if (setupOnly)
        {
            environment.KeepAfterDispose();
            var setup = new
            {
                environment.WorkDir,
                Config = Path.Combine(environment.WorkDir, RehearsalEnvironment.ConfigFileName),
                EnvFile = Path.Combine(environment.WorkDir, RehearsalEnvironment.EnvFileName),
                Database = environment.Store.Name,
                Approver = new { environment.Approver.Principal, environment.Approver.PrivateKeyPath },
                GpgHome = environment.Gpg.Home,
            };
            return JsonOutput.Result(parse, ExitCodes.Ok, () => new { Setup = setup }, output =>
            {
                output.WriteLine($"work folder   {setup.WorkDir}");
                output.WriteLine($"config        {setup.Config}");
                output.WriteLine($"env file      {setup.EnvFile}");
                output.WriteLine($"database      {setup.Database}");
                output.WriteLine($"approver      {setup.Approver.Principal} {setup.Approver.PrivateKeyPath}");
                output.WriteLine($"gpg home      {setup.GpgHome}");
            });
        }
        var state = await RehearsalRun.RunAsync(environment, time, logger, cancellationToken: cancellationToken);
        var verification = await RunVerification.VerifyAndWriteAsync(environment.Settings, environment.Store.VerifyConnectionString, RunId.Parse(state.RunId), time, cancellationToken: cancellationToken);
        string? enactmentRunId = null;
        if (parse.GetValue(_amendment) && verification.Report.Passed)
        {
            // The second act only on a first act that verified: an amendment of a document whose enactment failed its checks proves nothing.
            enactmentRunId = state.RunId;
            state = await RehearsalRun.AmendAsync(environment, time, logger, cancellationToken: cancellationToken);
            verification = await RunVerification.VerifyAndWriteAsync(environment.Settings, environment.Store.VerifyConnectionString, RunId.Parse(state.RunId), time, cancellationToken: cancellationToken);
            logger.LogInformation("rehearsal: first act {Enactment} enacted the charter; second act {Amendment} amended it", enactmentRunId, state.RunId);
        }
        var stateFile = Path.Combine(environment.Settings.SidecarRoot, state.RunId, "state.json");
        var reviewPage = RunPages.ReviewPath(Path.Combine(environment.Settings.SidecarRoot, state.RunId));
        return JsonOutput.Result(parse, verification.Report.Passed ? ExitCodes.Ok : ExitCodes.ChecksFailed,
            () => new
            {
                environment.WorkDir,
                StateFile = stateFile,
                environment.Settings.KbRoot,
                BackupFile = state.Backup?.File,
                ReviewPage = reviewPage,
                EnactmentRunId = enactmentRunId,
                Run = RunJson.Of(state),
                Verification = VerificationPrinter.Json(verification),
            },
            output =>
            {
                RunPrinter.Print(state, output);
                output.WriteLine();
                if (enactmentRunId is not null) output.WriteLine($"enactment     run {enactmentRunId} (first act); the run above is the second act's amendment");
                output.WriteLine($"work folder   {environment.WorkDir}");
                output.WriteLine($"state.json    {stateFile}");
                output.WriteLine($"KB            {environment.Settings.KbRoot} (closeout {state.CloseoutKbId})");
                output.WriteLine($"backup        {state.Backup?.File}");
                output.WriteLine($"review page   {reviewPage}");
                output.WriteLine();
                VerificationPrinter.Print(verification, output);
            });
    }
}
