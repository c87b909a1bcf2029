using Xunit;
using Cutter.Governance.Signatures;

namespace Cutter.Tests.Governance.Signatures;

/// <summary>Cutter's SSHSIG implementation against the real ssh-keygen, in both directions.</summary>
public sealed class SshSignatureInteropTests : IDisposable
{
    private const string Namespace = "cutter-approval";
    private const string Signer = "alice@example.org";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteMessage(string text = "kind: approval\ngate: SG_1_cut_authz\n")
    {
        var path = _dir.File("message.md");
        File.WriteAllText(path, text);
        return path;
    }

    private AllowedSigners AllowedFor(string privateKeyPath, string principal = Signer) =>
        AllowedSigners.Parse($"{principal} {SshKeygen.PublicKeyLine(privateKeyPath)}\n");

    [Theory]
    [InlineData("ed25519", null)]
    [InlineData("ecdsa", 256)]
    public async Task Signature_made_by_ssh_keygen_verifies_in_cutter(string type, int? bits)
    {
        var key = await SshKeygen.GenerateAsync(_dir.Path, "key", type, bits);
        var file = WriteMessage();
        var armored = await SshKeygen.SignAsync(key, Namespace, file);

        var entry = SshSignatureVerifier.Verify(File.ReadAllBytes(file), armored, Namespace, AllowedFor(key));

        Assert.Equal([Signer], entry.Principals);
        Assert.Equal(SshKeygen.PublicKeyLine(key), entry.Key.ToString());
    }

    [Theory]
    [InlineData("ed25519", null)]
    [InlineData("ecdsa", 256)]
    public async Task Signature_made_by_ssh_keygen_fails_in_cutter_after_a_one_byte_change(string type, int? bits)
    {
        var key = await SshKeygen.GenerateAsync(_dir.Path, "key", type, bits);
        var file = WriteMessage();
        var armored = await SshKeygen.SignAsync(key, Namespace, file);
        var changed = File.ReadAllBytes(file);
        changed[3] ^= 0x01;

        var ex = Assert.Throws<SignatureVerificationException>(() => SshSignatureVerifier.Verify(changed, armored, Namespace, AllowedFor(key)));
        Assert.Equal(SignatureFailure.BadSignature, ex.Failure);
    }

    [Fact]
    public async Task Signature_made_by_ssh_keygen_fails_in_cutter_under_another_namespace()
    {
        var key = await SshKeygen.GenerateAsync(_dir.Path, "key", "ed25519");
        var file = WriteMessage();
        var armored = await SshKeygen.SignAsync(key, "git", file);

        var ex = Assert.Throws<SignatureVerificationException>(() => SshSignatureVerifier.Verify(File.ReadAllBytes(file), armored, Namespace, AllowedFor(key)));
        Assert.Equal(SignatureFailure.WrongNamespace, ex.Failure);
    }

    [Fact]
    public async Task Signature_by_a_key_missing_from_allowed_signers_is_an_unknown_key()
    {
        var listed = await SshKeygen.GenerateAsync(_dir.Path, "listed", "ed25519");
        var stranger = await SshKeygen.GenerateAsync(_dir.Path, "stranger", "ed25519");
        var file = WriteMessage();
        var armored = await SshKeygen.SignAsync(stranger, Namespace, file);

        var ex = Assert.Throws<SignatureVerificationException>(() => SshSignatureVerifier.Verify(File.ReadAllBytes(file), armored, Namespace, AllowedFor(listed)));
        Assert.Equal(SignatureFailure.UnknownKey, ex.Failure);
    }

    [Fact]
    public async Task Signature_made_by_cutter_verifies_with_ssh_keygen()
    {
        var key = await SshKeygen.GenerateAsync(_dir.Path, "key", "ed25519");
        var file = WriteMessage();
        var message = File.ReadAllBytes(file);
        var sigFile = _dir.File("message.md.sig");
        File.WriteAllText(sigFile, SshSigningKey.Load(key).Sign(message, Namespace).ToArmored());
        var allowed = _dir.File("allowed_signers");
        File.WriteAllText(allowed, $"{Signer} {SshKeygen.PublicKeyLine(key)}\n");

        var result = await SshKeygen.VerifyAsync(allowed, Signer, Namespace, sigFile, message);

        Assert.True(result.Succeeded, result.StandardError);
        Assert.Contains($"Good \"{Namespace}\" signature for {Signer}", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signature_made_by_cutter_fails_in_ssh_keygen_after_a_one_byte_change_and_under_another_namespace()
    {
        var key = await SshKeygen.GenerateAsync(_dir.Path, "key", "ed25519");
        var message = SshKeygen.Utf8("kind: approval\n");
        var sigFile = _dir.File("message.sig");
        File.WriteAllText(sigFile, SshSigningKey.Load(key).Sign(message, Namespace).ToArmored());
        var allowed = _dir.File("allowed_signers");
        File.WriteAllText(allowed, $"{Signer} {SshKeygen.PublicKeyLine(key)}\n");
        var changed = (byte[])message.Clone();
        changed[0] ^= 0x01;

        Assert.False((await SshKeygen.VerifyAsync(allowed, Signer, Namespace, sigFile, changed)).Succeeded);
        Assert.False((await SshKeygen.VerifyAsync(allowed, Signer, "git", sigFile, message)).Succeeded);
        Assert.True((await SshKeygen.VerifyAsync(allowed, Signer, Namespace, sigFile, message)).Succeeded);
    }

    [Fact]
    public async Task Cutter_signature_is_byte_identical_to_ssh_keygen_for_the_same_ed25519_key()
    {
        // Ed25519 is deterministic, so the same key, namespace and message must give the same armored text.
        var key = await SshKeygen.GenerateAsync(_dir.Path, "key", "ed25519");
        var file = WriteMessage();
        var fromSshKeygen = await SshKeygen.SignAsync(key, Namespace, file);

        var fromCutter = SshSigningKey.Load(key).Sign(File.ReadAllBytes(file), Namespace).ToArmored();

        Assert.Equal(fromSshKeygen, fromCutter);
    }

    [Fact]
    public async Task Cutter_signature_verifies_in_cutter_and_not_after_a_change()
    {
        var key = await SshKeygen.GenerateAsync(_dir.Path, "key", "ed25519");
        var message = SshKeygen.Utf8("hello\n");
        var armored = SshSigningKey.Load(key).Sign(message, Namespace).ToArmored();

        Assert.Equal(Signer, SshSignatureVerifier.Verify(message, armored, Namespace, AllowedFor(key)).Principals[0]);
        var ex = Assert.Throws<SignatureVerificationException>(() => SshSignatureVerifier.Verify(SshKeygen.Utf8("hellO\n"), armored, Namespace, AllowedFor(key)));
        Assert.Equal(SignatureFailure.BadSignature, ex.Failure);
    }

    [Fact]
    public void Garbage_signature_text_is_malformed()
    {
        var ex = Assert.Throws<SignatureVerificationException>(() =>
            SshSignatureVerifier.Verify([1, 2, 3], "-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----\n", Namespace, AllowedSigners.Parse("")));
        Assert.Equal(SignatureFailure.Malformed, ex.Failure);
    }

    [Fact]
    public async Task Passphrase_protected_key_is_refused_with_the_file_named()
    {
        var key = await SshKeygen.GenerateAsync(_dir.Path, "locked", "ed25519", passphrase: Guid.NewGuid().ToString("N"));

        var ex = Assert.Throws<Cutter.Domain.InvalidInputException>(() => SshSigningKey.Load(key));
        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
    }
}
