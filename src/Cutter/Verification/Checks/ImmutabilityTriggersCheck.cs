using System.Globalization;
using Cutter.Store;

namespace Cutter.Verification.Checks;

/// <summary>Every immutability and kill-switch trigger exists on its table with <c>pg_trigger.tgenabled = 'O'</c>.</summary>
internal sealed class ImmutabilityTriggersCheck : IVerificationCheck
{
    private const char Enabled = 'O';

    public string Name => VerificationChecks.ImmutabilityTriggers;
    public string Proves => "the server still refuses updates and deletes of enacted and audit rows, and writes while the flag is off";

    public async Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        var present = (await VerificationReads.ReadTriggersAsync(context.VerifyConnection, cancellationToken))
            .ToDictionary(t => (t.Table, t.Trigger));
        var problems = new List<string>();
        foreach (var (table, trigger) in ImmutabilityTriggers.All)
        {
            if (!present.TryGetValue((table, trigger), out var state)) problems.Add($"{trigger} on {table}: missing");
            else if (state.Enabled != Enabled) problems.Add($"{trigger} on {table}: tgenabled = '{state.Enabled}'");
        }
        var names = string.Join(", ", ImmutabilityTriggers.All.Select(t => t.Trigger));
        var expected = string.Create(CultureInfo.InvariantCulture, $"{ImmutabilityTriggers.All.Count} triggers with tgenabled = 'O': {names}");
        var actual = problems.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{ImmutabilityTriggers.All.Count} present with tgenabled = 'O'")
            : string.Join("; ", problems);
        return CheckResult.Of(Name, expected, actual, problems.Count == 0);
    }
}
