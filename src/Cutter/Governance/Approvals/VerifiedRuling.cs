using Cutter.Domain;

namespace Cutter.Governance.Approvals;

/// <summary>An execution ruling that passed every check: it authorizes the flag for <see cref="Document"/>'s run until <see cref="ExpiresUtc"/>.</summary>
internal sealed record VerifiedRuling(ApprovalDocument Document, Sha256Hex RulingSha256, string SignerPrincipal, string SignerKeyFingerprint)
{
    public DateTimeOffset ExpiresUtc => Document.ExpiresUtc!.Value;
}
