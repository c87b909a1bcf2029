using Cutter.Governance.Signatures;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Crypto.Utilities;
using Org.BouncyCastle.Utilities.IO.Pem;
using Xunit;

namespace Cutter.Tests.Governance.Signatures;

/// <summary>Every key type an approver may hold, against the real ssh-keygen in both directions (keys made at run time).</summary>
public sealed class SshKeyTypeInteropTests : IDisposable
{
    private const string Namespace = "cutter-approval";
    private const string Signer = "alice@example.org";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, int?, string> KeyTypes => new()
    {
        { "ed25519", null, SshKeyTypes.Ed25519 },
        { "ecdsa", 256, SshKeyTypes.EcdsaP256 },
        { "ecdsa", 384, SshKeyTypes.EcdsaP384 },
        { "ecdsa", 521, SshKeyTypes.EcdsaP521 },
        { "rsa", 2048, SshKeyTypes.Rsa },
    };

    private string AllowedSignersFile(string privateKeyPath)
    {
        var path = _dir.File("allowed_signers");
        File.WriteAllText(path, $"{Signer} {SshKeygen.PublicKeyLine(privateKeyPath)}\n");
        return path;
    }

    [Theory]
    [MemberData(nameof(KeyTypes))]
    public async Task Ssh_keygen_signs_and_cutter_verifies(string type, int? bits, string keyType)
    {
        var key = await SshKeygen.GenerateAsync(_dir.Path, "key", type, bits);
        var file = _dir.File("approval.md");
        File.WriteAllText(file, "kind: approval\n");
        var armored = await SshKeygen.SignAsync(key, Namespace, file);
        var allowed = AllowedSigners.Load(AllowedSignersFile(key));

        var entry = SshSignatureVerifier.Verify(File.ReadAllBytes(file), armored, Namespace, allowed, Signer);

        Assert.Equal(keyType, entry.Key.KeyType);
        Assert.Equal(SshKeygen.PublicKeyLine(key), entry.Key.ToString());
        var changed = File.ReadAllBytes(file);
        changed[0] ^= 0x20;
        Assert.Equal(SignatureFailure.BadSignature,
            Assert.Throws<SignatureVerificationException>(() => SshSignatureVerifier.Verify(changed, armored, Namespace, allowed)).Failure);
    }

    [Theory]
    [MemberData(nameof(KeyTypes))]
    public async Task Cutter_signs_and_ssh_keygen_verifies(string type, int? bits, string keyType)
    {
        var key = await SshKeygen.GenerateAsync(_dir.Path, "key", type, bits);
        var message = SshKeygen.Utf8("kind: approval\ngate: SG_1_cut_authz\n");
        var signingKey = SshSigningKey.Load(key);
        var signature = signingKey.Sign(message, Namespace);
        var sigFile = _dir.File("approval.md.sig");
        File.WriteAllText(sigFile, signature.ToArmored());
        var allowed = AllowedSignersFile(key);

        var result = await SshKeygen.VerifyAsync(allowed, Signer, Namespace, sigFile, message);

        Assert.True(result.Succeeded, result.StandardError);
        Assert.Contains($"Good \"{Namespace}\" signature for {Signer}", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
        Assert.Equal(keyType, signingKey.PublicKey.KeyType);
        Assert.Equal(keyType == SshKeyTypes.Rsa ? SshSignatureAlgorithms.RsaSha512 : keyType, SignatureAlgorithm(signature));
        Assert.Equal(Signer, SshSignatureVerifier.Verify(message, signature.ToArmored(), Namespace, AllowedSigners.Load(allowed)).Principals[0]);
        Assert.False((await SshKeygen.VerifyAsync(allowed, Signer, Namespace, sigFile, SshKeygen.Utf8("kind: approval\n"))).Succeeded);
    }

    [Fact]
    public async Task Rsa_sha2_256_signature_verifies_in_cutter_and_ssh_keygen()
    {
        var key = await SshKeygen.GenerateAsync(_dir.Path, "rsa", "rsa", 2048);
        var message = SshKeygen.Utf8("kind: approval\n");
        var armored = RsaSignature(key, message, SshSignatureAlgorithms.RsaSha256, new Sha256Digest());
        var sigFile = _dir.File("m.sig");
        File.WriteAllText(sigFile, armored);
        var allowed = AllowedSignersFile(key);

        Assert.True((await SshKeygen.VerifyAsync(allowed, Signer, Namespace, sigFile, message)).Succeeded);
        Assert.Equal(Signer, SshSignatureVerifier.Verify(message, armored, Namespace, AllowedSigners.Load(allowed)).Principals[0]);
    }

    [Fact]
    public async Task Ssh_rsa_sha1_signature_is_refused_by_name_as_ssh_keygen_refuses_it()
    {
        var key = await SshKeygen.GenerateAsync(_dir.Path, "rsa", "rsa", 2048);
        var message = SshKeygen.Utf8("kind: approval\n");
        var armored = RsaSignature(key, message, SshSignatureAlgorithms.RsaSha1, new Sha1Digest());
        var sigFile = _dir.File("m.sig");
        File.WriteAllText(sigFile, armored);
        var allowed = AllowedSignersFile(key);

        var ex = Assert.Throws<SignatureVerificationException>(() => SshSignatureVerifier.Verify(message, armored, Namespace, AllowedSigners.Load(allowed)));

        Assert.Equal(SignatureFailure.RefusedAlgorithm, ex.Failure);
        Assert.Contains("'ssh-rsa' (SHA-1)", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BouncyCastle", ex.Message, StringComparison.Ordinal);
        Assert.False((await SshKeygen.VerifyAsync(allowed, Signer, Namespace, sigFile, message)).Succeeded);
    }

    /// <summary>An SSHSIG signature by an RSA key file under a chosen RSA algorithm, which ssh-keygen itself never picks.</summary>
    private static string RsaSignature(string keyPath, byte[] message, string algorithm, IDigest digest)
    {
        using var reader = new StreamReader(keyPath);
        var privateKey = OpenSshPrivateKeyUtilities.ParsePrivateKeyBlob(new PemReader(reader).ReadPemObject().Content);
        var publicKey = SshPublicKey.ParseLine(File.ReadAllText(keyPath + ".pub"));
        var signedData = SshSignedData.Build(message, Namespace, SshSignedData.Sha512);
        var signer = new RsaDigestSigner(digest);
        signer.Init(true, privateKey);
        signer.BlockUpdate(signedData);
        var blob = new SshWireWriter().WriteString(algorithm).WriteString(signer.GenerateSignature()).ToArray();
        return new SshSignature(publicKey, Namespace, SshSignedData.Sha512, blob).ToArmored();
    }

    private static string SignatureAlgorithm(SshSignature signature)
    {
        var reader = new SshWireReader(signature.SignatureBlob);
        return reader.ReadAscii();
    }
}
