using Cutter.Domain.Hashing;
using System.Globalization;
using Cutter.Domain;

namespace Cutter.Governance.Approvals;

/// <summary>
/// What a paused run asks the approving authority to sign: a gate approval (SG_1 after phase 4, SG_2 after phase 9,
/// SG_3 on an escalation) or an execution ruling. Written to the KB as a request doc; <c>cutter approve</c> reads it,
/// shows it, and answers with a signed approval or ruling bound to the same values.
/// </summary>
internal sealed record ApprovalRequest
{
    private ApprovalRequest() { }

    public ApprovalKind Kind { get; private init; }
    public ApprovalGate? Gate { get; private init; }
    public RunId RunId { get; private init; }
    public VersionedHash? PayloadSha { get; private init; }
    public string? Action { get; private init; }
    public VersionedHash? StateSha { get; private init; }
    public int? CandidateCount { get; private init; }
    public string? DocumentCode { get; private init; }
    /// <summary>How long the requested ruling should be valid (rulings only).</summary>
    public TimeSpan? RulingTtl { get; private init; }
    /// <summary>What will be written if approved, for the human reading the request.</summary>
    public string Summary { get; private init; } = "";

    public static ApprovalRequest ForCut(RunId runId, VersionedHash payloadSha, int candidateCount, DocumentCode documentCode, string summary) =>
        new() { Kind = ApprovalKind.Approval, Gate = ApprovalGate.Sg1CutAuthz, RunId = runId, PayloadSha = payloadSha, CandidateCount = candidateCount, DocumentCode = documentCode.Value, Summary = summary };

    public static ApprovalRequest ForLifecycle(RunId runId, int candidateCount, DocumentCode documentCode, string summary) =>
        new() { Kind = ApprovalKind.Approval, Gate = ApprovalGate.Sg2LifecycleAuthz, RunId = runId, CandidateCount = candidateCount, DocumentCode = documentCode.Value, Summary = summary };

    public static ApprovalRequest ForEscalation(RunId runId, string action, VersionedHash stateSha, string summary)
    {
        ApprovalExpectation.ForEscalation(runId, action, stateSha); // same validation as the gate applies
        return new() { Kind = ApprovalKind.Approval, Gate = ApprovalGate.Sg3EscalationAuthz, RunId = runId, Action = action, StateSha = stateSha, Summary = summary };
    }

    public static ApprovalRequest ForRuling(RunId runId, TimeSpan ttl, string summary)
    {
        if (ttl <= TimeSpan.Zero) throw new InvalidInputException("ruling ttl", "must be positive");
        return new() { Kind = ApprovalKind.ExecutionRuling, RunId = runId, RulingTtl = ttl, Summary = summary };
    }

    /// <summary>The request doc's raw bytes, as uploaded to the KB.</summary>
    public byte[] ToBytes()
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new(ApprovalFields.Kind, Kind == ApprovalKind.Approval ? ApprovalFields.KindApprovalRequest : ApprovalFields.KindRulingRequest),
        };
        if (Gate is { } gate) fields.Add(new(ApprovalFields.Gate, gate.WireName()));
        fields.Add(new(ApprovalFields.RunId, RunId.ToString()));
        if (PayloadSha is { } payload) fields.Add(new(ApprovalFields.PayloadSha, payload.ToString()));
        if (Action is not null) fields.Add(new(ApprovalFields.Action, Action));
        if (StateSha is { } state) fields.Add(new(ApprovalFields.StateSha, state.ToString()));
        if (CandidateCount is { } count) fields.Add(new(ApprovalFields.CandidateCount, count.ToString(CultureInfo.InvariantCulture)));
        if (DocumentCode is not null) fields.Add(new(ApprovalFields.DocumentCode, DocumentCode));
        if (RulingTtl is { } ttl) fields.Add(new(ApprovalFields.RulingTtlMinutes, ((long)ttl.TotalMinutes).ToString(CultureInfo.InvariantCulture)));
        return SignedFrontMatter.Render(fields, Summary);
    }

    /// <summary>Reads a request doc; throws <see cref="InvalidInputException"/> naming <paramref name="source"/> and the problem.</summary>
    public static ApprovalRequest Parse(byte[] raw, string source)
    {
        try
        {
            var (fields, body) = SignedFrontMatter.Parse(raw);
            var kind = fields.GetValueOrDefault(ApprovalFields.Kind);
            var runId = RunId.Parse(Required(fields, ApprovalFields.RunId));
            if (kind == ApprovalFields.KindRulingRequest)
            {
                var minutes = int.Parse(Required(fields, ApprovalFields.RulingTtlMinutes), NumberStyles.None, CultureInfo.InvariantCulture);
                return ForRuling(runId, TimeSpan.FromMinutes(minutes), body);
            }
            if (kind != ApprovalFields.KindApprovalRequest)
            {
                throw new FormatException($"'{ApprovalFields.Kind}' is '{kind}', expected '{ApprovalFields.KindApprovalRequest}' or '{ApprovalFields.KindRulingRequest}'");
            }
            var gateText = Required(fields, ApprovalFields.Gate);
            if (!ApprovalGates.TryParse(gateText, out var gate)) throw new FormatException($"'{ApprovalFields.Gate}' is '{gateText}', not a known gate");
            return new ApprovalRequest
            {
                Kind = ApprovalKind.Approval,
                Gate = gate,
                RunId = runId,
                PayloadSha = gate == ApprovalGate.Sg1CutAuthz ? VersionedHash.ParsePayload(Required(fields, ApprovalFields.PayloadSha), ApprovalFields.PayloadSha) : null,
                Action = gate == ApprovalGate.Sg3EscalationAuthz ? Required(fields, ApprovalFields.Action) : null,
                StateSha = gate == ApprovalGate.Sg3EscalationAuthz ? VersionedHash.Parse(Required(fields, ApprovalFields.StateSha), HashForms.Footprint.Family, ApprovalFields.StateSha) : null,
                CandidateCount = fields.TryGetValue(ApprovalFields.CandidateCount, out var count) ? int.Parse(count, NumberStyles.None, CultureInfo.InvariantCulture) : null,
                DocumentCode = fields.GetValueOrDefault(ApprovalFields.DocumentCode),
                Summary = body,
            };
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            throw new InvalidInputException($"request {source}", ex.Message);
        }
        catch (InvalidInputException ex)
        {
            throw new InvalidInputException($"request {source}", $"{ex.Input}: {ex.Problem}");
        }
    }

    private static string Required(IReadOnlyDictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : throw new FormatException($"'{key}' is missing");
}
