using System.Text;
using System.Text.Json;

namespace Cutter.Orchestration.Prechecks;

/// <summary>Every precheck's result line, in the suite's order. Waived checks do not block; failed ones do.</summary>
internal sealed record PrecheckReport(IReadOnlyList<PrecheckResult> Results)
{
    public bool AllPassed => Results.All(r => !r.IsBlocking);

    public IReadOnlyList<PrecheckResult> Failures => Results.Where(r => r.IsBlocking).ToArray();

    public static string VerdictLabel(PrecheckVerdict verdict) => verdict switch
    {
        PrecheckVerdict.Passed => "PASS",
        PrecheckVerdict.Failed => "FAIL",
        PrecheckVerdict.NotApplicable => "N/A",
        _ => "WAIVED",
    };

    /// <summary>
    /// An aligned text table, one row per check (name, PASS/FAIL/WAIVED, reason); a failed row is followed by its
    /// details, one per line, so nothing the reason summarised is hidden. Ends with a summary line.
    /// </summary>
    public string Render()
    {
        const string NameHeader = "CHECK";
        const string ResultHeader = "RESULT";
        var nameWidth = Results.Select(r => r.Name.Length).Append(NameHeader.Length).Max();
        var resultWidth = Results.Select(r => VerdictLabel(r.Verdict).Length).Append(ResultHeader.Length).Max();
        var text = new StringBuilder();
        void Row(string name, string result, string reason) =>
            text.Append(name.PadRight(nameWidth)).Append("  ").Append(result.PadRight(resultWidth)).Append("  ").Append(reason).Append('\n');

        Row(NameHeader, ResultHeader, "REASON");
        foreach (var result in Results)
        {
            Row(result.Name, VerdictLabel(result.Verdict), OneLine(result.Reason));
            if (!result.IsBlocking) continue;
            foreach (var detail in result.Details)
            {
                text.Append(' ', nameWidth + resultWidth + 4).Append("- ").Append(OneLine(detail)).Append('\n');
            }
        }
        var failed = Results.Count(r => r.IsBlocking);
        var waived = Results.Count(r => r.Verdict == PrecheckVerdict.Waived);
        var notApplicable = Results.Count(r => r.Verdict == PrecheckVerdict.NotApplicable);
        var passed = Results.Count(r => r.Verdict == PrecheckVerdict.Passed);
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{Results.Count} check(s): {passed} passed, {failed} failed, {waived} waived");
        if (notApplicable > 0) text.Append(System.Globalization.CultureInfo.InvariantCulture, $", {notApplicable} not applicable");
        text.Append('\n');
        return text.ToString();
    }

    // A reason is one row of the table whatever text a check puts in it (a tool's multi-line output, say).
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    /// <summary>The report as JSON (snake_case keys), for tools and the runner's state.</summary>
    public string ToJson() => JsonSerializer.Serialize(
        new
        {
            all_passed = AllPassed,
            checks = Results.Select(r => new
            {
                name = r.Name,
                result = VerdictLabel(r.Verdict),
                reason = r.Reason,
                stop_code = r.IsBlocking ? r.StopCode.Code : null,
                details = r.Details,
            }),
        },
        JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };
}
