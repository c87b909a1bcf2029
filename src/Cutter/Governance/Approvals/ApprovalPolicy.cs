namespace Cutter.Governance.Approvals;

/// <summary>
/// How old a signature may be, and how far ahead of this machine's clock a signer's clock may run.
/// The defaults are the report's: SG_1 within 24 h, SG_2 within 12 h. docs/approvals.md explains each.
/// </summary>
internal sealed record ApprovalPolicy
{
    public TimeSpan Sg1MaxAge { get; init; } = TimeSpan.FromHours(24);
    public TimeSpan Sg2MaxAge { get; init; } = TimeSpan.FromHours(12);
    /// <summary>An escalation answers an emergency in progress, so its approval is short-lived by default.</summary>
    public TimeSpan Sg3MaxAge { get; init; } = TimeSpan.FromHours(2);
    /// <summary>The longest validity window a ruling may grant (expires_utc - signed_utc).</summary>
    public TimeSpan RulingMaxTtl { get; init; } = TimeSpan.FromHours(24);
    /// <summary>Tolerated clock difference between signer and runner; a doc dated further ahead is refused.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    public static ApprovalPolicy Default { get; } = new();

    public TimeSpan MaxAge(ApprovalGate gate) => gate switch
    {
        ApprovalGate.Sg1CutAuthz => Sg1MaxAge,
        ApprovalGate.Sg2LifecycleAuthz => Sg2MaxAge,
        ApprovalGate.Sg3EscalationAuthz => Sg3MaxAge,
        _ => throw new ArgumentOutOfRangeException(nameof(gate), gate, "unknown gate"),
    };
}
