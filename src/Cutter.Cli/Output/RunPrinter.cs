using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Orchestration.State;

namespace Cutter.Cli.Output;

/// <summary>How a run's state is shown to an operator.</summary>
internal static class RunPrinter
{
    public static void Print(RunState state, TextWriter output)
    {
        output.WriteLine($"run        {state.RunId}");
        output.WriteLine($"document   {state.Document.KbId} {state.Document.Code}");
        output.WriteLine($"mode       {state.Mode}");
        output.WriteLine($"status     {state.Status.WireName()}" + (state.FinalState is { } final ? $" (final_state {final.WireName()})" : ""));
        if (state.PayloadSha is not null) output.WriteLine($"payload    {state.PayloadSha} ({state.CandidateCount} units)");
        if (state.Stop is { } stop) output.WriteLine($"stop       {stop.Code} at phase {stop.Phase}: {stop.Detail}");
        output.WriteLine();
        output.WriteLine("  #  phase             result    rows      ms  report");
        foreach (var phase in state.Phases)
        {
            output.WriteLine($"{phase.Number,3}  {phase.Name,-16}  {WireNames<PhaseResult>.Of(phase.Result),-8}  {phase.RowsWritten,6}  {phase.DurationMs,6}  {phase.ReportKbId}");
        }
        foreach (var warning in state.Warnings) output.WriteLine($"warning: {warning}");
    }

    public static void PrintNextStep(RunState state, TextWriter output)
    {
        switch (state.Status)
        {
            case RunStatus.AwaitingSg1:
                output.WriteLine();
                output.WriteLine($"Paused at SG_1. Requests: {state.Gates[ApprovalGate.Sg1CutAuthz].RequestKbId} (SG_1) and {state.RulingRequestKbId} (execution ruling).");
                output.WriteLine($"Next: cutter approve --request {state.Gates[ApprovalGate.Sg1CutAuthz].RequestKbId} ...; cutter approve --request {state.RulingRequestKbId} ...;");
                output.WriteLine($"      cutter resume --run-id {state.RunId} --approval <SG_1 approval id> --ruling <ruling id>");
                break;
            case RunStatus.AwaitingSg2:
                output.WriteLine();
                output.WriteLine($"Paused at SG_2. Request: {state.Gates[ApprovalGate.Sg2LifecycleAuthz].RequestKbId}.");
                output.WriteLine($"Next: cutter approve --request {state.Gates[ApprovalGate.Sg2LifecycleAuthz].RequestKbId} ...; cutter resume --run-id {state.RunId} --approval <SG_2 approval id>");
                break;
        }
    }
}
