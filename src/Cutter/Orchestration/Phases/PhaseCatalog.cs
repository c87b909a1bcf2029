namespace Cutter.Orchestration.Phases;

/// <summary>The 11 phases of a run, in order. This is the one place that lists them.</summary>
internal static class PhaseCatalog
{
    public static IReadOnlyList<IPhase> All { get; } =
    [
        new P01Preflight(),
        new P02SourceSnapshot(),
        new P03CutPlan(),
        new P04DriftSurvey(),
        new P05Backup(),
        new P06ExecutionFlip(),
        new P07WriteUnits(),
        new P08WriteVersions(),
        new P09DraftVerify(),
        new P10Enact(),
        new P11Closeout(),
    ];

    /// <summary>The last phase a DryRun executes (it stops before SG_1).</summary>
    public const int LastDryRunPhase = 4;

    public static IPhase ByNumber(int number) => All[number - 1];
}
