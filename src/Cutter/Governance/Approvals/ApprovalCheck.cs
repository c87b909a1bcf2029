namespace Cutter.Governance.Approvals;

/// <summary>
/// Every check an approval or ruling goes through, in order. A failure's StopException detail starts with the
/// check's name, so an operator (and a test) can tell which one fired even where checks share a STOP code.
/// </summary>
internal enum ApprovalCheck
{
    Present,
    Signed,
    SignatureReadable,
    SignerKnown,
    SignatureValid,
    WellFormed,
    SignerMatchesKey,
    Kind,
    Gate,
    Run,
    Payload,
    Allowance,
    NotFutureDated,
    NotExpired,
    TtlWithinLimit,
    DecisionIdFresh,
    ApprovalFresh,
}
