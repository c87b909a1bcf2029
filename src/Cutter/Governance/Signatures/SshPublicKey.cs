using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Cutter.Governance.Signatures;

/// <summary>
/// An SSH public key (Ed25519 or ECDSA P-256) held as its canonical wire blob. Two keys are equal when their blobs are.
/// Built only through <see cref="FromBlob"/> or <see cref="Parse"/>, which reject unsupported or malformed keys.
/// </summary>
public sealed class SshPublicKey : IEquatable<SshPublicKey>
{
    private const int Ed25519KeyLength = 32;
    private const int P256CoordinateLength = 32;

    private readonly byte[] _blob;

    private SshPublicKey(string keyType, byte[] blob)
    {
        KeyType = keyType;
        _blob = blob;
    }

    public string KeyType { get; }

    public ReadOnlySpan<byte> Blob => _blob;

    /// <summary>The fingerprint as ssh-keygen prints it: <c>SHA256:</c> and unpadded base64 of the blob's SHA-256.</summary>
    public string Fingerprint => "SHA256:" + Convert.ToBase64String(SHA256.HashData(_blob)).TrimEnd('=');

    /// <summary>Reads a key blob (the wire form inside signatures and the base64 field of key lines).</summary>
    public static SshPublicKey FromBlob(ReadOnlySpan<byte> blob)
    {
        var reader = new SshWireReader(blob);
        var keyType = reader.ReadAscii();
        switch (keyType)
        {
            case SshKeyTypes.Ed25519:
                if (reader.ReadString().Length != Ed25519KeyLength) throw new FormatException("an ssh-ed25519 key must hold 32 bytes");
                break;
            case SshKeyTypes.EcdsaP256:
                if (reader.ReadAscii() != SshKeyTypes.EcdsaP256Curve) throw new FormatException("an ecdsa-sha2-nistp256 key must name the curve nistp256");
                var point = reader.ReadString();
                if (point.Length != 1 + 2 * P256CoordinateLength || point[0] != 0x04)
                {
                    throw new FormatException("an ecdsa-sha2-nistp256 key must hold an uncompressed P-256 point");
                }
                break;
            default:
                throw new FormatException($"key type '{keyType}' is not supported (supported: {string.Join(", ", SshKeyTypes.Supported)})");
        }
        reader.ExpectEnd();
        return new SshPublicKey(keyType, blob.ToArray());
    }

    /// <summary>Reads the <c>keytype base64</c> pair of an authorized_keys / allowed_signers / .pub line; the declared type must match the blob's.</summary>
    public static SshPublicKey Parse(string keyType, string base64)
    {
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new FormatException($"the {keyType} key is not valid base64");
        }
        var key = FromBlob(blob);
        if (key.KeyType != keyType)
        {
            throw new FormatException($"the line declares key type '{keyType}' but the key is '{key.KeyType}'");
        }
        return key;
    }

    /// <summary>The <c>keytype base64</c> text form, as in a .pub file.</summary>
    public override string ToString() => $"{KeyType} {Convert.ToBase64String(_blob)}";

    /// <summary>
    /// Checks an SSH signature blob (string algorithm, string signature) over <paramref name="signedData"/>.
    /// Returns false for any mismatch, including a signature algorithm that is not this key's.
    /// </summary>
    internal bool Verify(ReadOnlySpan<byte> signedData, ReadOnlySpan<byte> signatureBlob)
    {
        var reader = new SshWireReader(signatureBlob);
        var algorithm = reader.ReadAscii();
        var signature = reader.ReadString();
        reader.ExpectEnd();
        if (algorithm != KeyType) return false;
        return KeyType == SshKeyTypes.Ed25519 ? VerifyEd25519(signedData, signature) : VerifyEcdsaP256(signedData, signature);
    }

    private bool VerifyEd25519(ReadOnlySpan<byte> signedData, ReadOnlySpan<byte> signature)
    {
        var reader = new SshWireReader(_blob);
        reader.ReadString();
        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(reader.ReadString()));
        verifier.BlockUpdate(signedData);
        return verifier.VerifySignature(signature.ToArray());
    }

    private bool VerifyEcdsaP256(ReadOnlySpan<byte> signedData, ReadOnlySpan<byte> signature)
    {
        var keyReader = new SshWireReader(_blob);
        keyReader.ReadString();
        keyReader.ReadString();
        var point = keyReader.ReadString();
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint
            {
                X = point.Slice(1, P256CoordinateLength).ToArray(),
                Y = point.Slice(1 + P256CoordinateLength, P256CoordinateLength).ToArray(),
            },
        });

        // RFC 5656 §3.1.2: the signature is two mpints r and s; .NET wants them as fixed 32-byte big-endian fields.
        var sigReader = new SshWireReader(signature);
        Span<byte> fixedFields = stackalloc byte[2 * P256CoordinateLength];
        if (!TryCopyMpint(sigReader.ReadString(), fixedFields[..P256CoordinateLength])
            || !TryCopyMpint(sigReader.ReadString(), fixedFields[P256CoordinateLength..]))
        {
            return false;
        }
        sigReader.ExpectEnd();
        return ecdsa.VerifyData(signedData, fixedFields, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private static bool TryCopyMpint(ReadOnlySpan<byte> mpint, Span<byte> destination)
    {
        // An mpint carries a leading zero byte when the high bit is set; strip it, then left-pad to the field width.
        var trimmed = mpint;
        while (trimmed.Length > 0 && trimmed[0] == 0) trimmed = trimmed[1..];
        if (trimmed.Length > destination.Length) return false;
        destination.Clear();
        trimmed.CopyTo(destination[(destination.Length - trimmed.Length)..]);
        return true;
    }

    public bool Equals(SshPublicKey? other) => other is not null && _blob.AsSpan().SequenceEqual(other._blob);

    public override bool Equals(object? obj) => Equals(obj as SshPublicKey);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_blob);
        return hash.ToHashCode();
    }
}
