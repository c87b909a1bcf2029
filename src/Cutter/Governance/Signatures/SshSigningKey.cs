using Cutter.Domain;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Crypto.Utilities;
using Org.BouncyCastle.Utilities.IO.Pem;

namespace Cutter.Governance.Signatures;

/// <summary>
/// An Ed25519 private key read from an unencrypted OpenSSH private key file (the one <c>ssh-keygen -t ed25519 -N ''</c> writes),
/// able to produce SSHSIG signatures in-process. Passphrase-protected keys are refused: sign those with ssh-keygen itself.
/// </summary>
public sealed class SshSigningKey
{
    private const string PemType = "OPENSSH PRIVATE KEY";

    private readonly Ed25519PrivateKeyParameters _privateKey;

    private SshSigningKey(Ed25519PrivateKeyParameters privateKey, SshPublicKey publicKey)
    {
        _privateKey = privateKey;
        PublicKey = publicKey;
    }

    public SshPublicKey PublicKey { get; }

    /// <summary>Loads the key; throws <see cref="InvalidInputException"/> naming the file and what is wrong with it.</summary>
    public static SshSigningKey Load(string path)
    {
        var input = $"private key file '{path}'";
        if (!File.Exists(path)) throw new InvalidInputException(input, "does not exist");

        PemObject? pem;
        try
        {
            using var reader = new StreamReader(path);
            pem = new PemReader(reader).ReadPemObject();
        }
        catch (IOException ex)
        {
            throw new InvalidInputException(input, $"cannot be read as PEM ({ex.Message})");
        }
        if (pem is null || pem.Type != PemType)
        {
            throw new InvalidInputException(input, $"is not an OpenSSH private key (expected '-----BEGIN {PemType}-----')");
        }

        Org.BouncyCastle.Crypto.AsymmetricKeyParameter parsed;
        try
        {
            parsed = OpenSshPrivateKeyUtilities.ParsePrivateKeyBlob(pem.Content);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or InvalidCastException or IndexOutOfRangeException)
        {
            throw new InvalidInputException(input, $"cannot be parsed; only unencrypted keys are supported ({ex.Message})");
        }
        if (parsed is not Ed25519PrivateKeyParameters ed25519)
        {
            throw new InvalidInputException(input, $"holds a {parsed.GetType().Name}; Cutter signs with Ed25519 keys only (verification also accepts ECDSA P-256)");
        }

        var publicKeyBlob = new SshWireWriter()
            .WriteString(SshKeyTypes.Ed25519)
            .WriteString(ed25519.GeneratePublicKey().GetEncoded())
            .ToArray();
        return new SshSigningKey(ed25519, SshPublicKey.FromBlob(publicKeyBlob));
    }

    /// <summary>Signs <paramref name="message"/> under <paramref name="namespace"/> with a sha512 message hash, as ssh-keygen does by default.</summary>
    public SshSignature Sign(ReadOnlySpan<byte> message, string @namespace)
    {
        if (string.IsNullOrEmpty(@namespace)) throw new InvalidInputException("signature namespace", "must not be empty");
        var signedData = SshSignedData.Build(message, @namespace, SshSignedData.Sha512);
        var signer = new Ed25519Signer();
        signer.Init(true, _privateKey);
        signer.BlockUpdate(signedData);
        var signatureBlob = new SshWireWriter()
            .WriteString(SshKeyTypes.Ed25519)
            .WriteString(signer.GenerateSignature())
            .ToArray();
        return new SshSignature(PublicKey, @namespace, SshSignedData.Sha512, signatureBlob);
    }
}
