using Cutter.Domain;
using Cutter.Governance.Signatures;
using Xunit;

namespace Cutter.Tests.Governance.Signatures;

/// <summary>Keys approvers already have: passphrase-protected files and ssh-agent, each interoperating with ssh-keygen.</summary>
public sealed class PassphraseAndAgentSigningTests : IDisposable
{
    private const string Namespace = "cutter-approval";
    private const string Signer = "alice@example.org";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task AssertVerifiesEverywhere(string keyPath, SshSignature signature, byte[] message)
    {
        var allowed = _dir.File("allowed_signers");
        File.WriteAllText(allowed, $"{Signer} {SshKeygen.PublicKeyLine(keyPath)}\n");
        var sigFile = _dir.File("m.sig");
        File.WriteAllText(sigFile, signature.ToArmored());
        var result = await SshKeygen.VerifyAsync(allowed, Signer, Namespace, sigFile, message);
        Assert.True(result.Succeeded, result.StandardError);
        Assert.Equal(Signer, SshSignatureVerifier.Verify(message, signature.ToArmored(), Namespace, AllowedSigners.Load(allowed), Signer).Principals[0]);
    }

    [Theory]
    [InlineData("ed25519", null)]
    [InlineData("rsa", 2048)]
    public async Task Passphrase_protected_key_signs_and_ssh_keygen_verifies(string type, int? bits)
    {
        var passphrase = Guid.NewGuid().ToString("N");
        var key = await SshKeygen.GenerateAsync(_dir.Path, "locked", type, bits, passphrase);
        var message = SshKeygen.Utf8("kind: approval\n");

        var signingKey = SshSigningKey.Load(key, () => passphrase);
        var signature = signingKey.Sign(message, Namespace);

        Assert.Equal(SshKeygen.PublicKeyLine(key), signingKey.PublicKey.ToString());
        await AssertVerifiesEverywhere(key, signature, message);
    }

    [Fact]
    public async Task Wrong_passphrase_is_refused_with_the_file_named_and_without_the_passphrase()
    {
        var key = await SshKeygen.GenerateAsync(_dir.Path, "locked", "ed25519", passphrase: Guid.NewGuid().ToString("N"));
        var wrong = Guid.NewGuid().ToString("N");

        var ex = Assert.Throws<InvalidInputException>(() => SshSigningKey.Load(key, () => wrong));

        Assert.Equal($"private key file '{key}'", ex.Input);
        Assert.Contains("passphrase is wrong", ex.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passphrase_protected_key_without_a_passphrase_is_refused_and_asks_nothing()
    {
        var key = await SshKeygen.GenerateAsync(_dir.Path, "locked", "ed25519", passphrase: Guid.NewGuid().ToString("N"));

        var ex = Assert.Throws<InvalidInputException>(() => SshSigningKey.Load(key));

        Assert.Equal($"private key file '{key}'", ex.Input);
        Assert.Equal("is passphrase-protected (aes256-ctr) and no passphrase was given; give a passphrase file, enter it on a terminal, or load the key into ssh-agent", ex.Problem);
    }

    [Fact]
    public async Task Unencrypted_key_never_asks_for_its_passphrase()
    {
        var key = await SshKeygen.GenerateAsync(_dir.Path, "open", "ed25519");

        var signingKey = SshSigningKey.Load(key, () => throw new InvalidOperationException("asked for a passphrase"));

        Assert.Equal(SshKeygen.PublicKeyLine(key), signingKey.PublicKey.ToString());
    }

    [Theory]
    [InlineData("ed25519", null)]
    [InlineData("ecdsa", 384)]
    [InlineData("rsa", 2048)]
    public async Task Key_held_by_ssh_agent_signs_and_ssh_keygen_verifies(string type, int? bits)
    {
        // The private key file is deleted once the agent holds it: only the agent can sign.
        var key = await SshKeygen.GenerateAsync(_dir.Path, "agentkey", type, bits);
        using var agent = await SshAgent.StartAsync(_dir.Path);
        await agent.AddAsync(key);
        File.Delete(key);
        var message = SshKeygen.Utf8("kind: approval\n");

        var signingKey = SshSigningKey.FromAgent(key + ".pub", agent.Socket);
        var signature = signingKey.Sign(message, Namespace);

        await AssertVerifiesEverywhere(key, signature, message);
    }

    [Fact]
    public async Task Agent_without_the_key_is_refused_with_a_reason()
    {
        var key = await SshKeygen.GenerateAsync(_dir.Path, "notloaded", "ed25519");
        using var agent = await SshAgent.StartAsync(_dir.Path);

        var ex = Assert.Throws<InvalidInputException>(() => SshSigningKey.FromAgent(key, agent.Socket).Sign([1, 2, 3], Namespace));

        Assert.Contains("does not hold this key", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Agent_without_a_socket_is_refused()
    {
        var ex = Assert.Throws<InvalidInputException>(() => SshSigningKey.FromAgent(_dir.File("k.pub"), agentSocket: ""));

        Assert.Equal("ssh-agent", ex.Input);
        Assert.Equal("SSH_AUTH_SOCK is not set; start ssh-agent and add the key with ssh-add", ex.Problem);
    }
}
