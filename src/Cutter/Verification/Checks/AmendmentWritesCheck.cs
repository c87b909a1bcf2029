using Cutter.Domain.Hashing;
using Cutter.Store;

namespace Cutter.Verification.Checks;

/// <summary>
/// An amendment run wrote exactly its diff: the enacted state before it, rebuilt from the rows, hashes to the
/// enacted-v1 sha its plan pinned (run_kind, which state.json's enacted_sha must equal), so no unchanged unit was touched; and its units,
/// versions, supersede marks and lifecycle rows are exactly the ones the diff calls for, nothing more.
/// </summary>
internal sealed class AmendmentWritesCheck : IVerificationCheck
{
    public string Name => VerificationChecks.AmendmentWrites;
    public string Proves => "the amendment touched only its diff: the untouched units are the enacted state it was planned against, and it wrote exactly the diff's units, versions and marks";

    public async Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        var kind = await AmendmentRows.ReadKindAsync(context.VerifyConnection, context.RunId.Value, cancellationToken);
        var audit = await AmendmentAudit.ReadAsync(context, cancellationToken);
        var pinned = kind?.EnactedSha;
        var expected = $"the enacted state before the run rebuilds to the pinned {pinned ?? "(run_kind has no enacted sha)"}; the run's rows and marks are exactly its diff";
        var findings = new List<string>();
        if (kind?.Kind != "amendment" || pinned is null) findings.Add($"run_kind says {kind?.Kind ?? "(no row)"}, not an amendment with a pinned enacted sha");
        else if (!audit.BeforeSha.Matches(VersionedHash.Parse(pinned, HashForms.EnactedV1.Family, "run_kind.enacted_sha"), "enacted state"))
        {
            findings.Add($"the enacted state before the run rebuilds to {audit.BeforeSha}, not the pinned {pinned}: a unit outside the diff changed");
        }
        if (!string.Equals(context.State.EnactedSha, pinned, StringComparison.Ordinal))
        {
            findings.Add($"state.json pins the enacted state {context.State.EnactedSha ?? "(none)"}, the store's run_kind {pinned ?? "(none)"}");
        }
        findings.AddRange(audit.WriteFindings());
        return CheckResult.Of(Name, expected, findings.Count == 0 ? $"{audit.BeforeSha}; diff {audit.Summary()}, written exactly" : string.Join("; ", findings), findings.Count == 0);
    }
}
