using Cutter.Governance.Signatures;
using Xunit;

namespace Cutter.Tests.Governance.Signatures;

/// <summary>
/// FIDO sk- signatures. No hardware here, so <see cref="FakeFidoAuthenticator"/> plays the security key; the real
/// ssh-keygen verifies the same signatures (verification needs no authenticator), so Cutter is checked against it.
/// </summary>
public sealed class FidoSignatureTests : IDisposable
{
    private const string Namespace = "cutter-approval";
    private const string Signer = "alice@example.org";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(SshKeyTypes.SkEd25519)]
    [InlineData(SshKeyTypes.SkEcdsaP256)]
    public async Task Security_key_signature_verifies_in_cutter_and_in_ssh_keygen(string keyType)
    {
        var authenticator = FakeFidoAuthenticator.Create(keyType);
        var message = SshKeygen.Utf8("kind: approval\n");
        var armored = authenticator.SignArmored(message, Namespace);
        var allowedText = $"{Signer} {authenticator.PublicKey}\n";

        var entry = SshSignatureVerifier.Verify(message, armored, Namespace, AllowedSigners.Parse(allowedText), Signer);

        Assert.Equal(keyType, entry.Key.KeyType);
        Assert.True((await VerifyWithSshKeygen(allowedText, armored, message)).Succeeded);
    }

    [Theory]
    [InlineData(SshKeyTypes.SkEd25519)]
    [InlineData(SshKeyTypes.SkEcdsaP256)]
    public async Task Changed_counter_or_message_fails_in_cutter_and_in_ssh_keygen(string keyType)
    {
        var authenticator = FakeFidoAuthenticator.Create(keyType);
        var message = SshKeygen.Utf8("kind: approval\n");
        var allowedText = $"{Signer} {authenticator.PublicKey}\n";
        var armored = authenticator.SignArmored(message, Namespace, counter: 7);
        // The same signature bytes with the counter beside them changed from 7 to 8: the authenticator data no longer matches.
        var blob = Convert.FromBase64String(string.Concat(armored.Split('\n')[1..^2]));
        blob[^1] = 8;
        var recounted = "-----BEGIN SSH SIGNATURE-----\n" + Convert.ToBase64String(blob) + "\n-----END SSH SIGNATURE-----\n";

        Assert.Equal(SignatureFailure.BadSignature, Assert.Throws<SignatureVerificationException>(() =>
            SshSignatureVerifier.Verify(message, recounted, Namespace, AllowedSigners.Parse(allowedText))).Failure);
        Assert.False((await VerifyWithSshKeygen(allowedText, recounted, message)).Succeeded);
        Assert.Equal(SignatureFailure.BadSignature, Assert.Throws<SignatureVerificationException>(() =>
            SshSignatureVerifier.Verify(SshKeygen.Utf8("kind: approvaL\n"), armored, Namespace, AllowedSigners.Parse(allowedText))).Failure);
    }

    [Fact]
    public void Signature_made_without_touching_the_key_is_refused()
    {
        // Stricter than ssh-keygen -Y verify, which does not look at the flags: an approval must be made by a person present.
        var authenticator = FakeFidoAuthenticator.Create(SshKeyTypes.SkEd25519);
        var message = SshKeygen.Utf8("kind: approval\n");
        var armored = authenticator.SignArmored(message, Namespace, flags: 0);

        var ex = Assert.Throws<SignatureVerificationException>(() =>
            SshSignatureVerifier.Verify(message, armored, Namespace, AllowedSigners.Parse($"{Signer} {authenticator.PublicKey}\n")));

        Assert.Equal(SignatureFailure.RefusedAlgorithm, ex.Failure);
        Assert.Contains("user-presence flag unset", ex.Message, StringComparison.Ordinal);
    }

    private async Task<Cutter.Infrastructure.ProcessResult> VerifyWithSshKeygen(string allowedText, string armored, byte[] message)
    {
        var allowed = _dir.File("allowed_signers");
        File.WriteAllText(allowed, allowedText);
        var sig = _dir.File("m.sig");
        File.WriteAllText(sig, armored);
        return await SshKeygen.VerifyAsync(allowed, Signer, Namespace, sig, message);
    }
}
