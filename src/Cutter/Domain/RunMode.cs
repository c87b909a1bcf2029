using System.Text.Json.Serialization;

namespace Cutter.Domain;

/// <summary>
/// How far a run goes. DryRun: read-only phases, stops before SG_1. Simulate: every phase, writes rolled back. Live: commits.
/// On the wire (state.json <c>mode</c>, the run table) a mode is its C# name.
/// </summary>
[JsonConverter(typeof(WireNameConverter<RunMode>))]
public enum RunMode
{
    DryRun,
    Simulate,
    Live,
}
