using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Utilities;

namespace Cutter.Governance.Signatures;

/// <summary>
/// An SSH public key (Ed25519, ECDSA P-256/384/521, RSA, or a FIDO <c>sk-</c> key) held as its canonical wire blob.
/// Two keys are equal when their blobs are. Built only through <see cref="FromBlob"/> or <see cref="Parse"/>, which
/// reject unsupported, malformed and off-curve keys with a <see cref="FormatException"/> that names the key type.
/// </summary>
internal sealed class SshPublicKey : IEquatable<SshPublicKey>
{
    /// <summary>ssh-keygen refuses RSA keys under 1024 bits (SSH_RSA_MINIMUM_MODULUS_SIZE) and over 16384 (its bignum limit).</summary>
    private const int RsaMinimumBits = 1024;
    private const int RsaMaximumBits = 16384;

    private readonly byte[] _blob;

    private SshPublicKey(string keyType, byte[] blob, AsymmetricKeyParameter parameters, byte[]? application)
    {
        KeyType = keyType;
        _blob = blob;
        Parameters = parameters;
        Application = application;
    }

    public string KeyType { get; }

    public ReadOnlySpan<byte> Blob => _blob;

    /// <summary>The fingerprint as ssh-keygen prints it: <c>SHA256:</c> and unpadded base64 of the blob's SHA-256.</summary>
    public string Fingerprint => "SHA256:" + Convert.ToBase64String(SHA256.HashData(_blob)).TrimEnd('=');

    /// <summary>The key material the signature math uses (for an <c>sk-</c> key: the authenticator's own key).</summary>
    internal AsymmetricKeyParameter Parameters { get; }

    /// <summary>For an <c>sk-</c> key, the FIDO application string (usually <c>ssh:</c>) bound into every signature.</summary>
    internal byte[]? Application { get; }

    /// <summary>Reads a key blob (the wire form inside signatures and the base64 field of key lines).</summary>
    public static SshPublicKey FromBlob(ReadOnlySpan<byte> blob)
    {
        var reader = new SshWireReader(blob);
        var keyType = reader.ReadAscii();
        switch (keyType)
        {
            case SshKeyTypes.SkEd25519:
            {
                // PROTOCOL.u2f: string type, string public key, string application.
                var publicKey = reader.ReadString();
                var application = reader.ReadString().ToArray();
                reader.ExpectEnd();
                var inner = ParseWithBouncyCastle(SshKeyTypes.Ed25519, new SshWireWriter().WriteString(SshKeyTypes.Ed25519).WriteString(publicKey).ToArray());
                return new SshPublicKey(keyType, blob.ToArray(), inner, application);
            }
            case SshKeyTypes.SkEcdsaP256:
            {
                // PROTOCOL.u2f: string type, string curve, string point, string application.
                var curve = reader.ReadAscii();
                var point = reader.ReadString();
                var application = reader.ReadString().ToArray();
                reader.ExpectEnd();
                var plain = new SshWireWriter().WriteString(SshKeyTypes.EcdsaP256).WriteString(curve).WriteString(point).ToArray();
                var inner = ParseWithBouncyCastle(SshKeyTypes.EcdsaP256, plain);
                return new SshPublicKey(keyType, blob.ToArray(), inner, application);
            }
            case SshKeyTypes.Ed25519 or SshKeyTypes.EcdsaP256 or SshKeyTypes.EcdsaP384 or SshKeyTypes.EcdsaP521 or SshKeyTypes.Rsa:
                return new SshPublicKey(keyType, blob.ToArray(), ParseWithBouncyCastle(keyType, blob.ToArray()), null);
            default:
                throw new FormatException($"key type '{keyType}' is not supported (supported: {string.Join(", ", SshKeyTypes.Supported)})");
        }
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

    /// <summary>Reads a .pub file (<c>keytype base64 [comment]</c>).</summary>
    public static SshPublicKey ParseLine(string line)
    {
        var fields = line.Trim().Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 2) throw new FormatException("expected 'keytype base64-key [comment]'");
        return Parse(fields[0], fields[1]);
    }

    /// <summary>
    /// Parses a plain (non-FIDO) key with BouncyCastle, which checks lengths, trailing bytes and that an ECDSA point is on
    /// its named curve. Its exceptions are turned into a <see cref="FormatException"/> that names the key type only, so no
    /// library type or message reaches an operator.
    /// </summary>
    private static AsymmetricKeyParameter ParseWithBouncyCastle(string keyType, byte[] blob)
    {
        AsymmetricKeyParameter parameters;
        try
        {
            parameters = OpenSshPublicKeyUtilities.ParsePublicKey(blob);
        }
        catch (Exception ex) when (CryptoFailure.IsInputError(ex))
        {
            throw new FormatException($"the {keyType} key is malformed (wrong length, trailing bytes, or a point not on the curve)");
        }

        var expectedCurveBits = keyType switch
        {
            SshKeyTypes.EcdsaP256 => 256,
            SshKeyTypes.EcdsaP384 => 384,
            SshKeyTypes.EcdsaP521 => 521,
            _ => 0,
        };
        switch (parameters)
        {
            case Ed25519PublicKeyParameters when keyType == SshKeyTypes.Ed25519:
                return parameters;
            case ECPublicKeyParameters ec when expectedCurveBits != 0 && ec.Parameters.Curve.FieldSize == expectedCurveBits:
                return parameters;
            case RsaKeyParameters rsa when keyType == SshKeyTypes.Rsa:
                var bits = rsa.Modulus.BitLength;
                if (bits < RsaMinimumBits || bits > RsaMaximumBits)
                {
                    throw new FormatException($"the ssh-rsa key has {bits} bits; ssh-keygen and Cutter accept {RsaMinimumBits} to {RsaMaximumBits}");
                }
                if (!rsa.Exponent.TestBit(0) || rsa.Exponent.BitLength < 2)
                {
                    throw new FormatException("the ssh-rsa key has an invalid public exponent");
                }
                return parameters;
            default:
                throw new FormatException($"the {keyType} key does not hold a {keyType} key");
        }
    }

    /// <summary>The <c>keytype base64</c> text form, as in a .pub file.</summary>
    public override string ToString() => $"{KeyType} {Convert.ToBase64String(_blob)}";

    public bool Equals(SshPublicKey? other) => other is not null && _blob.AsSpan().SequenceEqual(other._blob);

    public override bool Equals(object? obj) => Equals(obj as SshPublicKey);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_blob);
        return hash.ToHashCode();
    }
}
