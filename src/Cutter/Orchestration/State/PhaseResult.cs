using System.Text.Json.Serialization;
using Cutter.Domain;

namespace Cutter.Orchestration.State;

/// <summary>Where one phase of a run stands, as <c>phases[].result</c> in state.json.</summary>
[JsonConverter(typeof(WireNameConverter<PhaseResult>))]
public enum PhaseResult
{
    [JsonStringEnumMemberName("pending")]
    Pending,
    /// <summary>Started and not finished: a crash or a STOP in this phase (a STOP turns it into <see cref="Stopped"/>).</summary>
    [JsonStringEnumMemberName("running")]
    Running,
    [JsonStringEnumMemberName("passed")]
    Passed,
    [JsonStringEnumMemberName("stopped")]
    Stopped,
    /// <summary>A DryRun's phases after the last read-only one.</summary>
    [JsonStringEnumMemberName("skipped")]
    Skipped,
}
