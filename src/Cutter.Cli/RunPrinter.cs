using Cutter.Orchestration.State;

namespace Cutter.Cli;

/// <summary>How a run's state is shown to an operator.</summary>
internal static class RunPrinter
{
    public static void Print(RunState state, TextWriter output)
    {
        output.WriteLine($"run        {state.RunId}");
        output.WriteLine($"document   {state.Document.KbId} {state.Document.Code}");
        output.WriteLine($"mode       {state.Mode}");
        output.WriteLine($"status     {state.Status}" + (state.FinalState is null ? "" : $" (final_state {state.FinalState})"));
        if (state.PayloadSha is not null) output.WriteLine($"payload    {state.PayloadSha} ({state.CandidateCount} units)");
        if (state.Stop is { } stop) output.WriteLine($"stop       {stop.Code} at phase {stop.Phase}: {stop.Detail}");
        output.WriteLine();
        output.WriteLine("  #  phase             result    rows      ms  report");
        foreach (var phase in state.Phases)
        {
            output.WriteLine($"{phase.Number,3}  {phase.Name,-16}  {phase.Result,-8}  {phase.RowsWritten,6}  {phase.DurationMs,6}  {phase.ReportKbId}");
        }
        foreach (var warning in state.Warnings) output.WriteLine($"warning: {warning}");
    }

    public static void PrintNextStep(RunState state, TextWriter output)
    {
        switch (state.Status)
        {
            case "awaiting_SG_1":
                output.WriteLine();
                output.WriteLine($"Paused at SG_1. Requests: {state.Gates["SG_1_cut_authz"].RequestKbId} (SG_1) and {state.RulingRequestKbId} (execution ruling).");
                output.WriteLine($"Next: cutter approve --request {state.Gates["SG_1_cut_authz"].RequestKbId} ...; cutter approve --request {state.RulingRequestKbId} ...;");
                output.WriteLine($"      cutter resume --run-id {state.RunId} --approval <SG_1 approval id> --ruling <ruling id>");
                break;
            case "awaiting_SG_2":
                output.WriteLine();
                output.WriteLine($"Paused at SG_2. Request: {state.Gates["SG_2_lifecycle_authz"].RequestKbId}.");
                output.WriteLine($"Next: cutter approve --request {state.Gates["SG_2_lifecycle_authz"].RequestKbId} ...; cutter resume --run-id {state.RunId} --approval <SG_2 approval id>");
                break;
        }
    }
}
