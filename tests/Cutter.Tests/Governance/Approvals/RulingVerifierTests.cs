using System.Text;
using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Knowledge;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Cutter.Tests.Governance.Approvals;

public sealed class RulingVerifierTests : IClassFixture<ApprovalKeys>
{
    private static readonly DateTimeOffset SignedAt = new(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly RunId Run = RunId.Parse("5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d");
    private static readonly RunId OtherRun = RunId.Parse("1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9");
    private static readonly KbDocId RulingId = KbDocId.Parse("KB-2301");

    private readonly ApprovalKeys _keys;

    public RulingVerifierTests(ApprovalKeys keys) => _keys = keys;

    private KbDocument Ruling(RunId run, TimeSpan ttl, Cutter.Governance.Signatures.SshSigningKey? key = null)
    {
        var raw = new ApprovalAuthoring(new FakeTimeProvider(SignedAt)).Build(ApprovalRequest.ForRuling(run, ttl, "flip for one run"), null, ApprovalKeys.Approver, "Ruling: execute.\n");
        return Sign(raw, key);
    }

    private KbDocument Sign(byte[] raw, Cutter.Governance.Signatures.SshSigningKey? key = null) =>
        new(RulingId, new Dictionary<string, string>(), "", raw, ApprovalAuthoring.Sign(raw, key ?? _keys.ApproverKey));

    private KbDocument Edited(KbDocument doc, string from, string to)
    {
        var text = Encoding.UTF8.GetString(doc.Raw);
        Assert.Contains(from, text, StringComparison.Ordinal);
        return Sign(Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal)));
    }

    private RulingVerifier Verifier(DateTimeOffset now) => new(_keys.AllowedSigners, new FakeTimeProvider(now));

    private void Invalid(KbDocument? doc, RunId run, DateTimeOffset now, ApprovalCheck check)
    {
        var ex = Assert.Throws<StopException>(() => Verifier(now).Verify(doc, run, phase: 6));
        Assert.Equal(StopCodes.RulingInvalid, ex.Code);
        Assert.StartsWith($"{check}: ", ex.Detail, StringComparison.Ordinal);
        Assert.Equal(run, ex.RunId);
        Assert.Equal(6, ex.Phase);
    }

    [Fact]
    public void Valid_ruling_authorizes_its_run_until_it_expires()
    {
        var doc = Ruling(Run, TimeSpan.FromHours(2));

        var verified = Verifier(SignedAt.AddMinutes(119)).Verify(doc, Run);

        Assert.Equal(SignedAt.AddHours(2), verified.ExpiresUtc);
        Assert.Equal(Sha256Hex.Of(doc.Raw), verified.RulingSha256);
        Assert.Equal(ApprovalKeys.Approver, verified.SignerPrincipal);
    }

    [Fact]
    public void Ruling_at_or_after_expiry_is_invalid()
    {
        var doc = Ruling(Run, TimeSpan.FromHours(2));
        Invalid(doc, Run, SignedAt.AddHours(2), ApprovalCheck.NotExpired);
    }

    [Fact]
    public void Ruling_for_another_run_is_invalid() => Invalid(Ruling(OtherRun, TimeSpan.FromHours(1)), Run, SignedAt, ApprovalCheck.Run);

    [Fact]
    public void Missing_ruling_is_invalid() => Invalid(null, Run, SignedAt, ApprovalCheck.Present);

    [Fact]
    public void Unsigned_ruling_is_invalid() => Invalid(Ruling(Run, TimeSpan.FromHours(1)) with { Signature = "" }, Run, SignedAt, ApprovalCheck.Signed);

    [Fact]
    public void Ruling_by_a_stranger_is_invalid() => Invalid(Ruling(Run, TimeSpan.FromHours(1), _keys.StrangerKey), Run, SignedAt, ApprovalCheck.SignerKnown);

    [Fact]
    public void Ruling_changed_after_signing_is_invalid()
    {
        var doc = Ruling(Run, TimeSpan.FromHours(1));
        var text = Encoding.UTF8.GetString(doc.Raw).Replace("expires_utc: 2025-06-01T09:00:00Z", "expires_utc: 2025-06-02T09:00:00Z", StringComparison.Ordinal);
        Invalid(doc with { Raw = Encoding.UTF8.GetBytes(text) }, Run, SignedAt, ApprovalCheck.SignatureValid);
    }

    [Fact]
    public void Ruling_longer_than_the_policy_allows_is_invalid() =>
        Invalid(Ruling(Run, TimeSpan.FromHours(25)), Run, SignedAt, ApprovalCheck.TtlWithinLimit);

    [Fact]
    public void Ruling_expiring_before_it_is_signed_is_invalid() =>
        Invalid(Edited(Ruling(Run, TimeSpan.FromHours(1)), "expires_utc: 2025-06-01T09:00:00Z", "expires_utc: 2025-06-01T07:00:00Z"), Run, SignedAt, ApprovalCheck.TtlWithinLimit);

    [Fact]
    public void Future_dated_ruling_is_invalid() =>
        Invalid(Ruling(Run, TimeSpan.FromHours(1)), Run, SignedAt.AddMinutes(-6), ApprovalCheck.NotFutureDated);

    [Fact]
    public void Ruling_without_explicit_allowance_is_invalid() =>
        Invalid(Edited(Ruling(Run, TimeSpan.FromHours(1)), "allowance: explicit", "allowance: implied"), Run, SignedAt, ApprovalCheck.Allowance);

    [Fact]
    public void Gate_approval_is_not_a_ruling()
    {
        var raw = new ApprovalAuthoring(new FakeTimeProvider(SignedAt)).Build(ApprovalRequest.ForLifecycle(Run, 3, DocumentCode.Parse("ICX-CONST"), ""), null, ApprovalKeys.Approver, "");
        Invalid(Sign(raw), Run, SignedAt, ApprovalCheck.Kind);
    }

    [Fact]
    public void Ruling_without_expiry_is_malformed() =>
        Invalid(Edited(Ruling(Run, TimeSpan.FromHours(1)), "expires_utc: 2025-06-01T09:00:00Z\n", ""), Run, SignedAt, ApprovalCheck.WellFormed);

    /// <summary>YAML-structure refusals in a signed ruling: the documented STOP_RULING_INVALID, never an exception of the YAML library.</summary>
    [Theory]
    [InlineData("expires_utc: 2025-06-01T09:00:00Z\n", "expires_utc: [2025-06-01T09:00:00Z]\n")]
    [InlineData("expires_utc: 2025-06-01T09:00:00Z\n", "expires_utc:\n  at: 2025-06-01T09:00:00Z\n")]
    [InlineData("expires_utc: 2025-06-01T09:00:00Z\n", "expires_utc: 2025-06-01T09:00:00Z\nexpires_utc: 2025-06-01T10:00:00Z\n")]
    [InlineData("expires_utc: 2025-06-01T09:00:00Z\n", "- expires_utc: 2025-06-01T09:00:00Z\n")]
    [InlineData("expires_utc: 2025-06-01T09:00:00Z\n", "expires_utc: &a 2025-06-01T09:00:00Z\nother: *a\n  bad indent: [\n")]
    public void Ruling_whose_front_matter_is_not_a_flat_mapping_of_scalars_is_malformed(string from, string to) =>
        Invalid(Edited(Ruling(Run, TimeSpan.FromHours(1)), from, to), Run, SignedAt, ApprovalCheck.WellFormed);
}
