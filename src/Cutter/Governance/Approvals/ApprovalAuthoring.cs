using System.Text.RegularExpressions;
using Cutter.Domain;
using Cutter.Governance.Signatures;
using Cutter.Knowledge;

namespace Cutter.Governance.Approvals;

/// <summary>
/// Writes the answer to a request: the approval (or ruling) doc bound to the request's values, with a fresh
/// review_decision_id, signed_utc from the clock, <c>allowance: explicit</c>, and its detached SSH signature.
/// Used by <c>cutter approve</c> and by the rehearsal, so the rehearsal goes through the same signed path.
/// </summary>
internal sealed partial class ApprovalAuthoring
{
    private readonly TimeProvider _time;

    public ApprovalAuthoring(TimeProvider time) => _time = time;

    /// <summary>The approval or ruling doc's raw bytes answering <paramref name="request"/>.</summary>
    public byte[] Build(ApprovalRequest request, KbDocId? requestId, string signer, string rationale)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(signer) || !SignerPattern().IsMatch(signer))
        {
            throw new InvalidInputException("signer", $"'{signer}' must be a principal name as in allowed_signers (no spaces, quotes or commas)");
        }
        var now = TruncateToSecond(_time.GetUtcNow());
        var fields = new List<KeyValuePair<string, string>>();
        if (request.Kind == ApprovalKind.ExecutionRuling)
        {
            fields.Add(new(ApprovalFields.Kind, ApprovalFields.KindExecutionRuling));
            fields.Add(new(ApprovalFields.RunId, request.RunId.ToString()));
        }
        else
        {
            fields.Add(new(ApprovalFields.Kind, ApprovalFields.KindApproval));
            fields.Add(new(ApprovalFields.Gate, request.Gate!.Value.WireName()));
            fields.Add(new(ApprovalFields.RunId, request.RunId.ToString()));
            if (request.PayloadSha is { } payload) fields.Add(new(ApprovalFields.PayloadSha, payload.ToString()));
            if (request.Action is not null) fields.Add(new(ApprovalFields.Action, request.Action));
            if (request.StateSha is { } state) fields.Add(new(ApprovalFields.StateSha, state.ToString()));
            fields.Add(new(ApprovalFields.ReviewDecisionId, Guid.NewGuid().ToString("D")));
        }
        fields.Add(new(ApprovalFields.Allowance, ApprovalFields.AllowanceExplicit));
        fields.Add(new(ApprovalFields.Signer, signer));
        fields.Add(new(ApprovalFields.SignedUtc, ApprovalDocument.FormatTimestamp(now)));
        if (request.RulingTtl is { } ttl) fields.Add(new(ApprovalFields.ExpiresUtc, ApprovalDocument.FormatTimestamp(now + ttl)));
        if (requestId is { } id) fields.Add(new(ApprovalFields.RequestKbId, id.Value));
        return SignedFrontMatter.Render(fields, rationale);
    }

    /// <summary>The armored detached signature of <paramref name="raw"/> under the approval namespace.</summary>
    public static string Sign(byte[] raw, SshSigningKey key) => key.Sign(raw, ApprovalFields.SignatureNamespace).ToArmored();

    /// <summary>Reads the request from the KB, writes the signed answer to it, and returns the new doc's id.</summary>
    public async Task<KbDocId> ApproveAsync(IKnowledgeBase kb, KbDocId requestId, SshSigningKey key, string signer, string rationale, CancellationToken ct = default)
    {
        var requestDoc = await kb.GetAsync(requestId, ct);
        var request = ApprovalRequest.Parse(requestDoc.Raw, requestId.Value);
        var raw = Build(request, requestId, signer, rationale);
        var signature = Sign(raw, key);
        // The key is the doc's own sha: retrying the same bytes never makes a second doc.
        var id = await kb.CreateAsync(raw, $"approval:{Sha256Hex.Of(raw)}", ct);
        await kb.PutSignatureAsync(id, signature, ct);
        return id;
    }

    private static DateTimeOffset TruncateToSecond(DateTimeOffset value) =>
        new(value.UtcTicks - value.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    [GeneratedRegex(@"^[^\s,""'*?!]{1,200}$", RegexOptions.CultureInvariant)]
    private static partial Regex SignerPattern();
}
