using Cutter.Rehearsal.Disposable;

namespace Cutter.Benchmarks;

/// <summary>
/// The disposable server every benchmark measures against: durable (fsync, synchronous_commit and full_page_writes
/// on, <see cref="DisposablePostgresOptions.Ephemeral"/> false), with the settings of <see cref="SettingsVariable"/>
/// on top of initdb's defaults. benchmarks/README.md names the settings each figure was measured with.
/// </summary>
internal static class BenchmarkServer
{
    /// <summary>
    /// Server settings for every benchmark's cluster, <c>name=value</c> pairs separated by commas (e.g.
    /// <c>shared_buffers=2GB,max_wal_size=8GB</c>); unset or empty means initdb's defaults.
    /// </summary>
    public const string SettingsVariable = "CUTTER_BENCH_SERVER_SETTINGS";

    public static DisposablePostgresOptions Options => new() { Ephemeral = false, ServerSettings = Settings };

    /// <summary>The settings <see cref="SettingsVariable"/> asks for, as the line a benchmark prints beside its figures.</summary>
    public static string Describe() => Settings.Count == 0 ? "initdb defaults" : string.Join(' ', Settings.Select(s => $"{s.Key}={s.Value}"));

    private static IReadOnlyList<KeyValuePair<string, string>> Settings =>
        (Environment.GetEnvironmentVariable(SettingsVariable) ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2, StringSplitOptions.TrimEntries) is [var name, var value]
                ? new KeyValuePair<string, string>(name, value)
                : throw new ArgumentException($"{SettingsVariable}: '{pair}' is not name=value"))
            .ToList();
}
