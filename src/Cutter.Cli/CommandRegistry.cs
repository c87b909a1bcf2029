using System.CommandLine;
using Cutter.Cli.Commands;

namespace Cutter.Cli;

/// <summary>The list of verbs, in the order `cutter --help` shows them.</summary>
internal static class CommandRegistry
{
    public static IEnumerable<Command> All()
    {
        yield return new RehearseCommand();
        yield return new OrchestrateCommand();
        yield return new ResumeCommand();
        yield return new StatusCommand();
        yield return BatchCommand.Create();
        yield return new ShowCommand();
        yield return new WorkerCommand();
        yield return EscalationCommand.Revert();
        yield return EscalationCommand.Compensate();
        yield return DbCommand.Create();
        yield return AuditCommand.Create();
        yield return new PlanCommand();
        yield return new ApproveCommand();
        yield return new PrecheckCommand();
        yield return new ReleaseManifestCommand();
        yield return new VerifyCommand();
        yield return new ScanCommand();
    }
}
