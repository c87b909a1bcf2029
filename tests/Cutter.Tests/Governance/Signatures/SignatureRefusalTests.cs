using System.Security.Cryptography;
using Cutter.Domain;
using Cutter.Governance.Signatures;
using Xunit;

namespace Cutter.Tests.Governance.Signatures;

/// <summary>Broken keys and signature blobs end in a clear refusal naming the input, never in another exception.</summary>
public sealed class SignatureRefusalTests : IDisposable
{
    private const string Namespace = "cutter-approval";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Base64(byte[] blob) => Convert.ToBase64String(blob);

    private static string Armor(byte[] blob) => $"{SshSignature.ArmorBegin}\n{Base64(blob)}\n{SshSignature.ArmorEnd}\n";

    [Fact]
    public void Off_curve_ecdsa_key_in_allowed_signers_is_refused_with_the_line()
    {
        var point = new byte[65];
        point[0] = 0x04;
        point[64] = 0x01; // (0, 1) is not on P-256
        var blob = new SshWireWriter().WriteString(SshKeyTypes.EcdsaP256).WriteString("nistp256").WriteString(point).ToArray();

        var ex = Assert.Throws<InvalidInputException>(() => AllowedSigners.Parse($"# approvers\nalice {SshKeyTypes.EcdsaP256} {Base64(blob)}\n", "signers"));

        Assert.Equal("signers line 2", ex.Input);
        Assert.Equal("the ecdsa-sha2-nistp256 key is malformed (wrong length, trailing bytes, or a point not on the curve)", ex.Problem);
    }

    [Theory]
    [InlineData(SshKeyTypes.EcdsaP384, "nistp256")]
    [InlineData(SshKeyTypes.EcdsaP256, "nistp999")]
    public void Ecdsa_key_naming_another_curve_is_refused(string keyType, string curve)
    {
        var blob = new SshWireWriter().WriteString(keyType).WriteString(curve).WriteString(RandomNumberGenerator.GetBytes(65)).ToArray();

        var ex = Assert.Throws<InvalidInputException>(() => AllowedSigners.Parse($"alice {keyType} {Base64(blob)}"));

        Assert.Contains($"the {keyType} key", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Ed25519_key_of_the_wrong_length_and_trailing_bytes_are_refused()
    {
        var shortKey = new SshWireWriter().WriteString(SshKeyTypes.Ed25519).WriteString(RandomNumberGenerator.GetBytes(31)).ToArray();
        var trailing = new SshWireWriter().WriteString(SshKeyTypes.Ed25519).WriteString(RandomNumberGenerator.GetBytes(32)).WriteString("x").ToArray();

        Assert.Throws<InvalidInputException>(() => AllowedSigners.Parse($"alice {SshKeyTypes.Ed25519} {Base64(shortKey)}"));
        Assert.Throws<InvalidInputException>(() => AllowedSigners.Parse($"alice {SshKeyTypes.Ed25519} {Base64(trailing)}"));
    }

    [Fact]
    public async Task Small_rsa_key_is_refused_as_ssh_keygen_refuses_it()
    {
        var key = await SshKeygen.GenerateAsync(_dir.Path, "small", "rsa", 2048);
        var n = new byte[65];
        n[1] = 0xC1;
        n[64] = 0x01;
        var blob = new SshWireWriter().WriteString(SshKeyTypes.Rsa).WriteString([0x01, 0x00, 0x01]).WriteString(n).ToArray();

        var ex = Assert.Throws<InvalidInputException>(() => AllowedSigners.Parse($"alice {SshKeyTypes.Rsa} {Base64(blob)}"));

        Assert.Equal("the ssh-rsa key has 512 bits; ssh-keygen and Cutter accept 1024 to 16384", ex.Problem);
        Assert.Single(AllowedSigners.Parse($"alice {SshKeygen.PublicKeyLine(key)}").Entries);
    }

    [Fact]
    public void Unknown_key_type_in_allowed_signers_is_named()
    {
        var ex = Assert.Throws<InvalidInputException>(() => AllowedSigners.Parse("alice ssh-dss AAAAB3NzaC1kc3M="));

        Assert.Contains("key type 'ssh-dss' is not supported", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_key_type_inside_a_signature_is_malformed()
    {
        var blob = new SshWireWriter().WriteFixed("SSHSIG"u8).WriteUInt32(1)
            .WriteString(new SshWireWriter().WriteString("ssh-dss").WriteString([1]).ToArray())
            .WriteString(Namespace).WriteString([]).WriteString("sha512").WriteString([1]).ToArray();

        var ex = Assert.Throws<SignatureVerificationException>(() => SshSignatureVerifier.Verify([1], Armor(blob), Namespace, AllowedSigners.Parse("")));

        Assert.Equal(SignatureFailure.Malformed, ex.Failure);
        Assert.Contains("key type 'ssh-dss' is not supported", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ed25519", null)]
    [InlineData("ecdsa", 521)]
    [InlineData("rsa", 2048)]
    public async Task Every_truncation_and_many_bit_flips_of_a_real_signature_are_refusals_not_crashes(string type, int? bits)
    {
        var key = await SshKeygen.GenerateAsync(_dir.Path, "key", type, bits);
        var file = _dir.File("m");
        File.WriteAllText(file, "kind: approval\n");
        var armored = await SshKeygen.SignAsync(key, Namespace, file);
        var message = File.ReadAllBytes(file);
        var allowed = AllowedSigners.Parse($"alice {SshKeygen.PublicKeyLine(key)}");
        var blob = Convert.FromBase64String(string.Concat(armored.Split('\n')[1..^2]));

        for (var length = 0; length < blob.Length; length++)
        {
            var ex = Assert.Throws<SignatureVerificationException>(() => SshSignatureVerifier.Verify(message, Armor(blob[..length]), Namespace, allowed));
            Assert.DoesNotContain("Org.BouncyCastle", ex.Message, StringComparison.Ordinal);
        }
        for (var i = 0; i < blob.Length; i++)
        {
            var flipped = (byte[])blob.Clone();
            flipped[i] ^= (byte)(1 << (i % 8));
            Assert.Throws<SignatureVerificationException>(() => SshSignatureVerifier.Verify(message, Armor(flipped), Namespace, allowed));
        }
        Assert.Equal("alice", SshSignatureVerifier.Verify(message, Armor(blob), Namespace, allowed).Principals[0]);
    }

    [Fact]
    public void Random_garbage_blobs_are_refusals_not_crashes()
    {
        for (var i = 0; i < 500; i++)
        {
            var garbage = RandomNumberGenerator.GetBytes(RandomNumberGenerator.GetInt32(1, 300));
            if (i % 2 == 0 && garbage.Length >= 10) "SSHSIG\0\0\0\u0001"u8.CopyTo(garbage.AsSpan(0, Math.Min(10, garbage.Length)));
            Assert.Throws<SignatureVerificationException>(() => SshSignatureVerifier.Verify([1], Armor(garbage), Namespace, AllowedSigners.Parse("")));
        }
    }

    /// <summary>The PEM label of an OpenSSH private key, put together at run time so no key-shaped literal is in the source.</summary>
    private static readonly string KeyLabel = string.Join(' ', "OPENSSH", "PRIVATE", "KEY");

    [Theory]
    [InlineData(false, "is not an OpenSSH private key (expected '-----BEGIN {0}-----')")]
    [InlineData(true, "is not a readable OpenSSH private key: truncated SSH blob: wanted 15 bytes, 3 left")]
    public void Unreadable_private_key_file_is_refused_with_the_file_named(bool pemWithShortBody, string problem)
    {
        var path = _dir.File("broken_key");
        File.WriteAllText(path, pemWithShortBody ? $"-----BEGIN {KeyLabel}-----\nAAAA\n-----END {KeyLabel}-----\n" : "not a key at all\n");
        problem = string.Format(System.Globalization.CultureInfo.InvariantCulture, problem, KeyLabel);

        var ex = Assert.Throws<InvalidInputException>(() => SshSigningKey.Load(path));

        Assert.Equal($"private key file '{path}'", ex.Input);
        Assert.Equal(problem, ex.Problem);
    }

    [Fact]
    public async Task Private_key_whose_private_half_is_damaged_is_refused_without_a_library_type_in_the_message()
    {
        var key = await SshKeygen.GenerateAsync(_dir.Path, "rsa", "rsa", 2048);
        var lines = File.ReadAllLines(key);
        var body = Convert.FromBase64String(string.Concat(lines[1..^1]));
        var damaged = body[..(body.Length - 200)];
        File.WriteAllText(key, $"{lines[0]}\n{Convert.ToBase64String(damaged)}\n{lines[^1]}\n");

        var ex = Assert.Throws<InvalidInputException>(() => SshSigningKey.Load(key));

        Assert.Equal("holds a ssh-rsa private key that cannot be parsed", ex.Problem);
    }
}
