using System.Text;

namespace Cutter.Governance.Signatures;

/// <summary>
/// A detached SSH signature in the SSHSIG format of <c>ssh-keygen -Y sign</c> (OpenSSH PROTOCOL.sshsig):
/// the signer's public key, the namespace, the message hash algorithm and the signature itself.
/// Parsed from, and written as, the armored "-----BEGIN SSH SIGNATURE-----" text.
/// </summary>
internal sealed class SshSignature
{
    public const string ArmorBegin = "-----BEGIN SSH SIGNATURE-----";
    public const string ArmorEnd = "-----END SSH SIGNATURE-----";

    internal static ReadOnlySpan<byte> Magic => "SSHSIG"u8;
    internal const uint Version = 1;

    /// <summary>ssh-keygen wraps the base64 body at 70 columns.</summary>
    private const int ArmorLineWidth = 70;

    private readonly byte[] _signatureBlob;

    internal SshSignature(SshPublicKey publicKey, string @namespace, string hashAlgorithm, byte[] signatureBlob)
    {
        PublicKey = publicKey;
        Namespace = @namespace;
        HashAlgorithm = hashAlgorithm;
        _signatureBlob = signatureBlob;
    }

    public SshPublicKey PublicKey { get; }
    public string Namespace { get; }

    /// <summary><c>sha512</c> or <c>sha256</c>: the hash of the message that was signed.</summary>
    public string HashAlgorithm { get; }

    /// <summary>The inner signature: string algorithm, string signature bytes.</summary>
    internal ReadOnlySpan<byte> SignatureBlob => _signatureBlob;

    /// <summary>Parses armored SSHSIG text; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static SshSignature ParseArmored(string armored)
    {
        ArgumentNullException.ThrowIfNull(armored);
        var text = armored.Trim();
        if (!text.StartsWith(ArmorBegin, StringComparison.Ordinal) || !text.EndsWith(ArmorEnd, StringComparison.Ordinal))
        {
            throw new FormatException($"not an armored SSH signature (expected '{ArmorBegin}' ... '{ArmorEnd}')");
        }
        var body = text[ArmorBegin.Length..^ArmorEnd.Length];
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c))));
        }
        catch (FormatException)
        {
            throw new FormatException("the SSH signature body is not valid base64");
        }
        return FromBlob(blob);
    }

    private static SshSignature FromBlob(ReadOnlySpan<byte> blob)
    {
        var reader = new SshWireReader(blob);
        if (!reader.ReadFixed(Magic.Length).SequenceEqual(Magic)) throw new FormatException("the SSH signature does not start with SSHSIG");
        var version = reader.ReadUInt32();
        if (version != Version) throw new FormatException($"SSH signature version {version} is not supported (expected {Version})");
        var publicKey = SshPublicKey.FromBlob(reader.ReadString());
        var @namespace = reader.ReadAscii();
        reader.ReadString(); // reserved
        var hashAlgorithm = reader.ReadAscii();
        var signatureBlob = reader.ReadString().ToArray();
        reader.ExpectEnd();
        return new SshSignature(publicKey, @namespace, hashAlgorithm, signatureBlob);
    }

    /// <summary>
    /// True when the signature is valid over <paramref name="message"/>; false when it does not match.
    /// Throws <see cref="SignatureVerificationException"/> (never another exception) when the blob cannot be read
    /// or uses an algorithm Cutter refuses.
    /// </summary>
    public bool Verifies(ReadOnlySpan<byte> message)
    {
        try
        {
            var signedData = SshSignedData.Build(message, Namespace, HashAlgorithm);
            return SshSignatureMath.Verify(PublicKey, signedData, _signatureBlob);
        }
        catch (FormatException ex)
        {
            throw new SignatureVerificationException(SignatureFailure.Malformed, $"the signature cannot be read: {ex.Message}");
        }
        catch (Exception ex) when (ex is not SignatureVerificationException && CryptoFailure.IsInputError(ex))
        {
            throw new SignatureVerificationException(SignatureFailure.Malformed, $"the {PublicKey.KeyType} signature blob is malformed");
        }
    }

    /// <summary>The armored text, byte-compatible with what <c>ssh-keygen -Y sign</c> writes.</summary>
    public string ToArmored()
    {
        var blob = new SshWireWriter()
            .WriteFixed(Magic)
            .WriteUInt32(Version)
            .WriteString(PublicKey.Blob)
            .WriteString(Namespace)
            .WriteString(ReadOnlySpan<byte>.Empty)
            .WriteString(HashAlgorithm)
            .WriteString(_signatureBlob)
            .ToArray();
        var base64 = Convert.ToBase64String(blob);
        var text = new StringBuilder().Append(ArmorBegin).Append('\n');
        for (var i = 0; i < base64.Length; i += ArmorLineWidth)
        {
            text.Append(base64.AsSpan(i, Math.Min(ArmorLineWidth, base64.Length - i))).Append('\n');
        }
        return text.Append(ArmorEnd).Append('\n').ToString();
    }
}
