using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Cutter.Governance.Signatures;

/// <summary>
/// The inner SSH signature blob (<c>string algorithm, string signature</c>, plus <c>byte flags, uint32 counter</c> for
/// FIDO keys) per key type, made and checked with BouncyCastle: Ed25519 (RFC 8709), ECDSA P-256/384/521 with
/// SHA-256/384/512 (RFC 5656), RSA with rsa-sha2-256/512 (RFC 8332), and the FIDO <c>sk-</c> types (PROTOCOL.u2f).
/// </summary>
internal static class SshSignatureMath
{
    /// <summary>PROTOCOL.u2f: flag bit set when the authenticator was touched for this signature.</summary>
    private const byte UserPresenceFlag = 0x01;

    /// <summary>
    /// True when <paramref name="signatureBlob"/> is <paramref name="key"/>'s valid signature over <paramref name="signedData"/>.
    /// False for a mismatch (including an algorithm that is not this key's); <see cref="FormatException"/> for an unreadable blob;
    /// <see cref="SignatureVerificationException"/> for an algorithm Cutter refuses.
    /// </summary>
    public static bool Verify(SshPublicKey key, ReadOnlySpan<byte> signedData, ReadOnlySpan<byte> signatureBlob)
    {
        var reader = new SshWireReader(signatureBlob);
        var algorithm = reader.ReadAscii();
        var signature = reader.ReadString();
        switch (key.KeyType)
        {
            case SshKeyTypes.Ed25519:
                reader.ExpectEnd();
                return algorithm == SshKeyTypes.Ed25519 && VerifyEd25519(key.Parameters, signedData, signature);
            case SshKeyTypes.EcdsaP256 or SshKeyTypes.EcdsaP384 or SshKeyTypes.EcdsaP521:
                reader.ExpectEnd();
                return algorithm == key.KeyType && VerifyEcdsa(key.Parameters, EcdsaHash(key.KeyType, signedData), signature);
            case SshKeyTypes.Rsa:
                reader.ExpectEnd();
                return VerifyRsa(key.Parameters, algorithm, signedData, signature);
            case SshKeyTypes.SkEd25519 or SshKeyTypes.SkEcdsaP256:
                var flags = reader.ReadByte();
                var counter = reader.ReadUInt32();
                reader.ExpectEnd();
                if (algorithm != key.KeyType) return false;
                var authenticatorData = SkSignedData(key.Application!, flags, counter, signedData);
                var valid = key.KeyType == SshKeyTypes.SkEd25519
                    ? VerifyEd25519(key.Parameters, authenticatorData, signature)
                    : VerifyEcdsa(key.Parameters, SHA256.HashData(authenticatorData), signature);
                if (valid && (flags & UserPresenceFlag) == 0)
                {
                    throw new SignatureVerificationException(SignatureFailure.RefusedAlgorithm,
                        $"the {key.KeyType} signature by key {key.Fingerprint} was made without touching the authenticator (user-presence flag unset); Cutter requires user presence");
                }
                return valid;
            default:
                throw new FormatException($"key type '{key.KeyType}' cannot be verified");
        }
    }

    /// <summary>
    /// PROTOCOL.u2f: a FIDO authenticator signs sha256(application) || flags || counter || sha256(data), not the data itself.
    /// Internal so tests can play the authenticator.
    /// </summary>
    internal static byte[] SkSignedData(ReadOnlySpan<byte> application, byte flags, uint counter, ReadOnlySpan<byte> signedData) =>
        new SshWireWriter()
            .WriteFixed(SHA256.HashData(application))
            .WriteFixed([flags])
            .WriteUInt32(counter)
            .WriteFixed(SHA256.HashData(signedData))
            .ToArray();

    /// <summary>Signs with a private key read from a key file: Ed25519, ECDSA (RFC 6979 deterministic k) or RSA as rsa-sha2-512.</summary>
    public static byte[] Sign(AsymmetricKeyParameter privateKey, string keyType, ReadOnlySpan<byte> signedData)
    {
        switch (privateKey)
        {
            case Ed25519PrivateKeyParameters ed25519:
                var signer = new Ed25519Signer();
                signer.Init(true, ed25519);
                signer.BlockUpdate(signedData);
                return new SshWireWriter().WriteString(SshKeyTypes.Ed25519).WriteString(signer.GenerateSignature()).ToArray();
            case ECPrivateKeyParameters ec:
                var ecdsa = new ECDsaSigner(new HMacDsaKCalculator(EcdsaDigest(keyType)));
                ecdsa.Init(true, ec);
                var rs = ecdsa.GenerateSignature(EcdsaHash(keyType, signedData));
                return new SshWireWriter().WriteString(keyType).WriteString(EncodeEcdsa(rs[0], rs[1])).ToArray();
            case RsaKeyParameters rsa:
                var rsaSigner = new RsaDigestSigner(new Sha512Digest());
                rsaSigner.Init(true, rsa);
                rsaSigner.BlockUpdate(signedData);
                return new SshWireWriter().WriteString(SshSignatureAlgorithms.RsaSha512).WriteString(rsaSigner.GenerateSignature()).ToArray();
            default:
                throw new NotSupportedException($"key type '{keyType}' cannot sign in-process");
        }
    }

    /// <summary>RFC 5656 §3.1.2: the ECDSA signature is mpint r, mpint s (two's complement, minimal: BouncyCastle's ToByteArray).</summary>
    internal static byte[] EncodeEcdsa(BigInteger r, BigInteger s) =>
        new SshWireWriter().WriteString(r.ToByteArray()).WriteString(s.ToByteArray()).ToArray();

    private static bool VerifyEd25519(AsymmetricKeyParameter key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var verifier = new Ed25519Signer();
        verifier.Init(false, key);
        verifier.BlockUpdate(data);
        return verifier.VerifySignature(signature.ToArray());
    }

    private static bool VerifyEcdsa(AsymmetricKeyParameter key, byte[] hash, ReadOnlySpan<byte> signature)
    {
        var reader = new SshWireReader(signature);
        var r = ReadPositiveMpint(reader.ReadString());
        var s = ReadPositiveMpint(reader.ReadString());
        reader.ExpectEnd();
        if (r is null || s is null) return false;
        var verifier = new ECDsaSigner();
        verifier.Init(false, key);
        return verifier.VerifySignature(hash, r, s);
    }

    private static bool VerifyRsa(AsymmetricKeyParameter key, string algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        IDigest? digest = algorithm switch
        {
            SshSignatureAlgorithms.RsaSha256 => new Sha256Digest(),
            SshSignatureAlgorithms.RsaSha512 => new Sha512Digest(),
            SshSignatureAlgorithms.RsaSha1 => throw new SignatureVerificationException(SignatureFailure.RefusedAlgorithm,
                $"the RSA signature uses '{SshSignatureAlgorithms.RsaSha1}' (SHA-1), which Cutter and ssh-keygen refuse; sign again with a current ssh-keygen (it uses {SshSignatureAlgorithms.RsaSha512})"),
            _ => null,
        };
        if (digest is null) return false;
        // RFC 8332: the signature is as long as the modulus; a longer one is refused, as OpenSSH refuses it.
        if (signature.Length > (((RsaKeyParameters)key).Modulus.BitLength + 7) / 8) return false;
        var verifier = new RsaDigestSigner(digest);
        verifier.Init(false, key);
        verifier.BlockUpdate(data);
        return verifier.VerifySignature(signature.ToArray());
    }

    private static BigInteger? ReadPositiveMpint(ReadOnlySpan<byte> mpint)
    {
        if (mpint.IsEmpty || (mpint[0] & 0x80) != 0) return null;
        return new BigInteger(1, mpint.ToArray());
    }

    private static byte[] EcdsaHash(string keyType, ReadOnlySpan<byte> data) => keyType switch
    {
        SshKeyTypes.EcdsaP256 => SHA256.HashData(data),
        SshKeyTypes.EcdsaP384 => SHA384.HashData(data),
        _ => SHA512.HashData(data),
    };

    private static IDigest EcdsaDigest(string keyType) => keyType switch
    {
        SshKeyTypes.EcdsaP256 => new Sha256Digest(),
        SshKeyTypes.EcdsaP384 => new Sha384Digest(),
        _ => new Sha512Digest(),
    };
}
