namespace Cutter.Store;

/// <summary>A database login with its own credentials and privileges.</summary>
public enum Lane
{
    /// <summary><c>cutter_exec</c>: writes what a run needs and nothing else.</summary>
    Exec,
    /// <summary><c>cutter_verify</c>: read-only, used by the post-run verification.</summary>
    Verify,
}

internal static class LaneRoles
{
    public const string Exec = "cutter_exec";
    public const string Verify = "cutter_verify";

    public static string RoleName(this Lane lane) => lane switch
    {
        Lane.Exec => Exec,
        Lane.Verify => Verify,
        _ => throw new ArgumentOutOfRangeException(nameof(lane), lane, null),
    };
}
