using Cutter.Governance.Signatures;
using Xunit;

namespace Cutter.Tests.Governance.Signatures;

/// <summary>The public key inside an SSHSIG blob is parsed as strictly as one in allowed_signers: a bad one is a refusal, never a crash.</summary>
public sealed class SignatureEmbeddedKeyTests
{
    private static string Armored(byte[] publicKeyBlob) =>
        $"{SshSignature.ArmorBegin}\n" + Convert.ToBase64String(new SshWireWriter()
            .WriteFixed("SSHSIG"u8).WriteUInt32(1).WriteString(publicKeyBlob).WriteString("cutter-approval")
            .WriteString(ReadOnlySpan<byte>.Empty).WriteString("sha512")
            .WriteString(new SshWireWriter().WriteString(SshKeyTypes.EcdsaP256).WriteString(new byte[72]).ToArray()).ToArray())
        + $"\n{SshSignature.ArmorEnd}\n";

    public static TheoryData<string, byte[]> BadKeys()
    {
        var offCurve = new byte[65];
        offCurve[0] = 0x04;
        offCurve[64] = 0x01; // (0, 1) is not on P-256
        return new()
        {
            { "off-curve P-256 point", new SshWireWriter().WriteString(SshKeyTypes.EcdsaP256).WriteString("nistp256").WriteString(offCurve).ToArray() },
            { "P-256 key naming another curve", new SshWireWriter().WriteString(SshKeyTypes.EcdsaP256).WriteString("nistp384").WriteString(offCurve).ToArray() },
            { "ed25519 key of 31 bytes", new SshWireWriter().WriteString("ssh-ed25519").WriteString(new byte[31]).ToArray() },
            { "unknown key type", new SshWireWriter().WriteString("ssh-unknown").WriteString(new byte[32]).ToArray() },
            { "empty key blob", [] },
        };
    }

    [Theory]
    [MemberData(nameof(BadKeys))]
    public void A_signature_carrying_a_malformed_public_key_is_a_refusal_not_an_exception(string what, byte[] publicKeyBlob)
    {
        var signers = AllowedSigners.Parse("", "allowed_signers");

        var ex = Assert.Throws<SignatureVerificationException>(() => SshSignatureVerifier.Verify("doc"u8, Armored(publicKeyBlob), "cutter-approval", signers));

        Assert.True(ex.Failure is SignatureFailure.Malformed or SignatureFailure.UnknownKey, $"{what}: {ex.Failure} {ex.Message}");
    }
}
