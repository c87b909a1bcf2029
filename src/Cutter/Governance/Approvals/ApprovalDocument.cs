using Cutter.Domain.Hashing;
using System.Collections.Frozen;
using System.Globalization;
using Cutter.Domain;

namespace Cutter.Governance.Approvals;

/// <summary>
/// A signed governance doc (gate approval or execution ruling) as read from its exact raw bytes:
/// YAML front matter (the fields below, keys in <see cref="ApprovalFields"/>) and a free-text rationale.
/// <see cref="Parse"/> checks shape only (every field present and well-formed); whether the doc authorizes anything
/// is for <see cref="ApprovalVerifier"/> and <see cref="RulingVerifier"/>.
/// </summary>
internal sealed record ApprovalDocument
{
    private static readonly FrozenSet<string> ApprovalKeys = FrozenSet.Create(StringComparer.Ordinal,
        ApprovalFields.Kind, ApprovalFields.Gate, ApprovalFields.RunId, ApprovalFields.PayloadSha, ApprovalFields.Action,
        ApprovalFields.StateSha, ApprovalFields.ReviewDecisionId, ApprovalFields.Allowance, ApprovalFields.Signer,
        ApprovalFields.SignedUtc, ApprovalFields.RequestKbId);

    private static readonly FrozenSet<string> RulingKeys = FrozenSet.Create(StringComparer.Ordinal,
        ApprovalFields.Kind, ApprovalFields.RunId, ApprovalFields.Allowance, ApprovalFields.Signer,
        ApprovalFields.SignedUtc, ApprovalFields.ExpiresUtc, ApprovalFields.RequestKbId);

    public required ApprovalKind Kind { get; init; }
    /// <summary>The gate (approvals only).</summary>
    public ApprovalGate? Gate { get; init; }
    public required RunId RunId { get; init; }
    /// <summary>The candidate set's payload sha (SG_1).</summary>
    public VersionedHash? PayloadSha { get; init; }
    /// <summary>The escalation action, e.g. <c>revert</c> or <c>compensate</c> (SG_3).</summary>
    public string? Action { get; init; }
    /// <summary>The sha of the state the escalation acts on (SG_3).</summary>
    public VersionedHash? StateSha { get; init; }
    /// <summary>The fresh UUID recorded as the consumed review decision (approvals only).</summary>
    public Guid? ReviewDecisionId { get; init; }
    /// <summary>Must be <c>explicit</c> to authorize; kept as written so a wrong value can be reported.</summary>
    public string? Allowance { get; init; }
    /// <summary>The principal who signed, as listed in allowed_signers.</summary>
    public required string Signer { get; init; }
    public required DateTimeOffset SignedUtc { get; init; }
    /// <summary>When the ruling stops authorizing (rulings only).</summary>
    public DateTimeOffset? ExpiresUtc { get; init; }
    /// <summary>The request doc this answers, if any.</summary>
    public KbDocId? RequestKbId { get; init; }
    public required string Rationale { get; init; }

    /// <summary>Parses the raw bytes; throws <see cref="FormatException"/> naming the field that is missing or wrong.</summary>
    public static ApprovalDocument Parse(byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var (fields, body) = SignedFrontMatter.Parse(raw);

        var kindText = Required(fields, ApprovalFields.Kind);
        var kind = kindText switch
        {
            ApprovalFields.KindApproval => ApprovalKind.Approval,
            ApprovalFields.KindExecutionRuling => ApprovalKind.ExecutionRuling,
            _ => throw new FormatException($"'{ApprovalFields.Kind}' is '{kindText}', expected '{ApprovalFields.KindApproval}' or '{ApprovalFields.KindExecutionRuling}'"),
        };
        var allowedKeys = kind == ApprovalKind.Approval ? ApprovalKeys : RulingKeys;
        var unknown = fields.Keys.FirstOrDefault(k => !allowedKeys.Contains(k));
        if (unknown is not null) throw new FormatException($"'{unknown}' is not a field of a {kindText} doc");

        var document = new ApprovalDocument
        {
            Kind = kind,
            RunId = Field(fields, ApprovalFields.RunId, RunId.Parse),
            Signer = Required(fields, ApprovalFields.Signer),
            SignedUtc = Field(fields, ApprovalFields.SignedUtc, ParseTimestamp),
            Allowance = fields.GetValueOrDefault(ApprovalFields.Allowance),
            RequestKbId = Optional(fields, ApprovalFields.RequestKbId, t => KbDocId.Parse(t)),
            Rationale = body,
        };

        if (kind == ApprovalKind.ExecutionRuling)
        {
            return document with { ExpiresUtc = Field(fields, ApprovalFields.ExpiresUtc, ParseTimestamp) };
        }

        var gateText = Required(fields, ApprovalFields.Gate);
        if (!ApprovalGates.TryParse(gateText, out var gate)) throw new FormatException($"'{ApprovalFields.Gate}' is '{gateText}', not a known gate");
        document = document with
        {
            Gate = gate,
            ReviewDecisionId = Field(fields, ApprovalFields.ReviewDecisionId, ParseDecisionId),
            PayloadSha = Optional(fields, ApprovalFields.PayloadSha, t => VersionedHash.ParsePayload(t, ApprovalFields.PayloadSha)),
            Action = fields.GetValueOrDefault(ApprovalFields.Action),
            StateSha = Optional(fields, ApprovalFields.StateSha, t => VersionedHash.Parse(t, HashForms.Footprint.Family, ApprovalFields.StateSha)),
        };
        if (gate == ApprovalGate.Sg1CutAuthz && document.PayloadSha is null) Required(fields, ApprovalFields.PayloadSha);
        if (gate == ApprovalGate.Sg3EscalationAuthz)
        {
            Required(fields, ApprovalFields.Action);
            Required(fields, ApprovalFields.StateSha);
        }
        return document;
    }

    /// <summary>Formats a timestamp the way approval docs hold it.</summary>
    public static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString(ApprovalFields.TimestampFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTimestamp(string text) =>
        DateTimeOffset.TryParseExact(text, ApprovalFields.TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a UTC timestamp like 2025-01-31T09:30:00Z");

    private static Guid ParseDecisionId(string text) =>
        Guid.TryParseExact(text, "D", out var id) && id != Guid.Empty
            ? id
            : throw new FormatException($"'{text}' is not a non-empty UUID");

    private static string Required(IReadOnlyDictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new FormatException($"'{key}' is missing");

    private static T Field<T>(IReadOnlyDictionary<string, string> fields, string key, Func<string, T> parse)
    {
        var text = Required(fields, key);
        try
        {
            return parse(text);
        }
        catch (InvalidInputException ex)
        {
            throw new FormatException($"'{key}': {ex.Problem}");
        }
        catch (FormatException ex)
        {
            throw new FormatException($"'{key}': {ex.Message}");
        }
    }

    private static T? Optional<T>(IReadOnlyDictionary<string, string> fields, string key, Func<string, T> parse) where T : struct =>
        fields.ContainsKey(key) ? Field(fields, key, parse) : null;
}
