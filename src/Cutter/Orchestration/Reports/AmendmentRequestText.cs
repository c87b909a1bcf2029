using System.Globalization;
using System.Text;
using Cutter.Cutting.Amendments;
using Cutter.Orchestration.State;

namespace Cutter.Orchestration.Reports;

/// <summary>
/// What the SG_1 and SG_2 requests of an amendment run say will be written: the count of each operation, and at SG_1
/// every change that writes something, with the new text of each changed, added or moved unit (docs/amendments.md).
/// </summary>
internal static class AmendmentRequestText
{
    public static string Sg1(RunState state, IReadOnlyDictionary<string, int> counts, AmendmentPlan? amendment)
    {
        var planned = PlannedRows.Of(state);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Amendment of {state.Document.Code} ({state.Document.KbId}) against its enacted state {state.EnactedSha}: {CountLine(counts)}. ");
        text.Append(CultureInfo.InvariantCulture, $"On approval Cutter will take an encrypted backup, turn the execution flag on under the execution ruling, and write "
            + $"{planned.Units} information units and {planned.Versions} unit versions as draft; nothing is written for an unchanged unit. ");
        text.Append(CultureInfo.InvariantCulture, $"The approval binds the diff: payload sha {state.PayloadSha}.");
        if (amendment is null) return text.ToString();
        text.Append("\n\n## Changes\n");
        foreach (var change in amendment.Diff.Writes)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n- {AmendmentSerializer.WireName(change.Operation)} `{change.Address}`");
            if (change.Operation == AmendmentOperation.Moved) text.Append(CultureInfo.InvariantCulture, $" <- `{change.Before!.Address}` (text below the heading unchanged)");
            text.Append(CultureInfo.InvariantCulture, $": content sha {change.BeforeSha ?? "(none)"} -> {change.AfterSha ?? "(retired)"}\n");
            if (change.After is { } after && change.Operation != AmendmentOperation.Moved)
            {
                text.Append('\n');
                foreach (var line in after.Content.Split('\n')) text.Append("        ").Append(line).Append('\n');
            }
        }
        return text.ToString();
    }

    public static string Sg2(RunState state)
    {
        var planned = PlannedRows.Of(state);
        return $"The amendment's {planned.Units} draft units and {planned.Versions} draft versions of {state.Document.Code} passed the draft invariants. "
            + $"On approval Cutter will retire {planned.Retired} units, supersede the current version of {planned.Superseded} units, enact {planned.Units} units "
            + $"({planned.LifecycleRows} lifecycle_log rows) and close the run out.";
    }

    private static string CountLine(IReadOnlyDictionary<string, int> counts) =>
        string.Join(", ", Enum.GetValues<AmendmentOperation>().Select(op => $"{Count(counts, op)} {AmendmentSerializer.WireName(op)}"));

    private static int Count(IReadOnlyDictionary<string, int> counts, AmendmentOperation operation) =>
        counts.TryGetValue(AmendmentSerializer.WireName(operation), out var n) ? n : 0;
}
