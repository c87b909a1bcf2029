using Xunit;
using Cutter.Domain;
using Cutter.Governance.Signatures;

namespace Cutter.Tests.Governance.Signatures;

public sealed class AllowedSignersTests
{
    /// <summary>A fresh ssh-ed25519 public key, made at run time (random bytes are not always a curve point, and are refused).</summary>
    private static string RandomEd25519() =>
        "ssh-ed25519 " + Convert.ToBase64String(new SshWireWriter().WriteString(SshKeyTypes.Ed25519)
            .WriteString(new Org.BouncyCastle.Crypto.Parameters.Ed25519PrivateKeyParameters(new Org.BouncyCastle.Security.SecureRandom()).GeneratePublicKey().GetEncoded()).ToArray());

    [Fact]
    public void Parses_principals_namespaces_keys_and_skips_comments_and_blank_lines()
    {
        var alice = RandomEd25519();
        var bob = RandomEd25519();
        var text = $"# approvers\n\nalice@example.org,a.l@example.org {alice} alice's laptop\n  bob@example.org namespaces=\"cutter-approval,git\" {bob}\n";

        var signers = AllowedSigners.Parse(text);

        Assert.Equal(2, signers.Entries.Count);
        Assert.Equal(["alice@example.org", "a.l@example.org"], signers.Entries[0].Principals);
        Assert.Null(signers.Entries[0].Namespaces);
        Assert.Equal(alice, signers.Entries[0].Key.ToString());
        Assert.Equal(3, signers.Entries[0].LineNumber);
        Assert.Equal(["cutter-approval", "git"], signers.Entries[1].Namespaces!);
        Assert.Equal(bob, signers.Entries[1].Key.ToString());
        Assert.Equal(4, signers.Entries[1].LineNumber);
    }

    [Fact]
    public void Namespaces_option_restricts_which_namespace_finds_the_key()
    {
        var key = RandomEd25519();
        var signers = AllowedSigners.Parse($"bob namespaces=\"git\" {key}\n");
        var parsed = signers.Entries[0].Key;

        Assert.Single(signers.FindByKey(parsed, "git"));
        Assert.Empty(signers.FindByKey(parsed, "cutter-approval"));
    }

    [Fact]
    public void Principal_patterns_match_with_wildcards()
    {
        var entry = AllowedSigners.Parse($"*@example.org,ops-? {RandomEd25519()}").Entries[0];

        Assert.True(entry.MatchesPrincipal("carol@example.org"));
        Assert.True(entry.MatchesPrincipal("ops-1"));
        Assert.False(entry.MatchesPrincipal("ops-12"));
        Assert.False(entry.MatchesPrincipal("carol@example.com"));
    }

    [Theory]
    [InlineData("alice ssh-rsa AAAAB3NzaC1yc2E=", "line 1", "the ssh-rsa key is malformed")]
    [InlineData("alice ssh-dss AAAAB3NzaC1kc3M=", "line 1", "key type 'ssh-dss' is not supported")]
    [InlineData("alice", "line 1", "expected")]
    [InlineData("alice ssh-ed25519 !!notbase64!!", "line 1", "base64")]
    [InlineData("alice cert-authority ssh-ed25519 AAAA", "line 1", "cert-authority")]
    [InlineData("alice valid-before=\"20300101\" ssh-ed25519 AAAA", "line 1", "valid-before")]
    public void Bad_lines_are_refused_with_the_line_named(string line, string expectedInput, string expectedProblem)
    {
        var ex = Assert.Throws<InvalidInputException>(() => AllowedSigners.Parse(line, "signers"));

        Assert.Equal($"signers {expectedInput}", ex.Input);
        Assert.Contains(expectedProblem, ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Declared_key_type_must_match_the_key_inside()
    {
        var ed25519Base64 = RandomEd25519().Split(' ')[1];

        var ex = Assert.Throws<InvalidInputException>(() => AllowedSigners.Parse($"alice ecdsa-sha2-nistp256 {ed25519Base64}"));

        Assert.Contains("declares key type 'ecdsa-sha2-nistp256'", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_named()
    {
        var ex = Assert.Throws<InvalidInputException>(() => AllowedSigners.Load("/nonexistent/allowed_signers"));
        Assert.Equal("allowed_signers file '/nonexistent/allowed_signers'", ex.Input);
    }
}
