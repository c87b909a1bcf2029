using Cutter.Governance.Signatures;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Math.EC.Multiplier;

namespace Cutter.Tests.Governance.Signatures;

/// <summary>
/// A named fake of a FIDO security key: sk- keys cannot be generated or used without hardware, so this plays the
/// authenticator in software with BouncyCastle, producing exactly what PROTOCOL.u2f says one returns: a signature over
/// sha256(application) || flags || counter || sha256(data), plus the flags and counter beside it.
/// </summary>
internal sealed class FakeFidoAuthenticator
{
    public const byte UserPresent = 0x01;
    private const string Application = "ssh:";

    private readonly Ed25519PrivateKeyParameters? _ed25519;
    private readonly ECPrivateKeyParameters? _ecdsa;

    private FakeFidoAuthenticator(string keyType, byte[] publicKeyBlob, Ed25519PrivateKeyParameters? ed25519, ECPrivateKeyParameters? ecdsa)
    {
        KeyType = keyType;
        PublicKey = SshPublicKey.FromBlob(publicKeyBlob);
        _ed25519 = ed25519;
        _ecdsa = ecdsa;
    }

    public string KeyType { get; }

    public SshPublicKey PublicKey { get; }

    public static FakeFidoAuthenticator Create(string keyType)
    {
        var random = new SecureRandom();
        if (keyType == SshKeyTypes.SkEd25519)
        {
            var key = new Ed25519PrivateKeyParameters(random);
            var blob = new SshWireWriter().WriteString(keyType).WriteString(key.GeneratePublicKey().GetEncoded()).WriteString(Application).ToArray();
            return new FakeFidoAuthenticator(keyType, blob, key, null);
        }
        var domain = new ECNamedDomainParameters(NistNamedCurves.GetOid("P-256"), NistNamedCurves.GetByName("P-256"));
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(domain, random));
        var pair = generator.GenerateKeyPair();
        var q = ((ECPublicKeyParameters)pair.Public).Q.GetEncoded(compressed: false);
        var ecBlob = new SshWireWriter().WriteString(keyType).WriteString("nistp256").WriteString(q).WriteString(Application).ToArray();
        return new FakeFidoAuthenticator(keyType, ecBlob, null, (ECPrivateKeyParameters)pair.Private);
    }

    /// <summary>The armored SSHSIG signature a security key would give for <paramref name="message"/>.</summary>
    public string SignArmored(byte[] message, string @namespace, byte flags = UserPresent, uint counter = 42)
    {
        var signedData = SshSignedData.Build(message, @namespace, SshSignedData.Sha512);
        var authenticatorData = SshSignatureMath.SkSignedData(System.Text.Encoding.ASCII.GetBytes(Application), flags, counter, signedData);
        byte[] signature;
        if (_ed25519 is not null)
        {
            var signer = new Ed25519Signer();
            signer.Init(true, _ed25519);
            signer.BlockUpdate(authenticatorData);
            signature = signer.GenerateSignature();
        }
        else
        {
            var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
            signer.Init(true, _ecdsa!);
            var rs = signer.GenerateSignature(System.Security.Cryptography.SHA256.HashData(authenticatorData));
            signature = SshSignatureMath.EncodeEcdsa(rs[0], rs[1]);
        }
        var blob = new SshWireWriter().WriteString(KeyType).WriteString(signature).WriteFixed([flags]).WriteUInt32(counter).ToArray();
        return new SshSignature(PublicKey, @namespace, SshSignedData.Sha512, blob).ToArmored();
    }
}
