using System.Security.Cryptography;

namespace Cutter.Governance.Signatures;

/// <summary>
/// The bytes an SSHSIG signature actually covers (PROTOCOL.sshsig): the magic, the namespace, a reserved string,
/// the hash algorithm and the hash of the message. Signing the hash rather than the message binds the namespace.
/// </summary>
internal static class SshSignedData
{
    public const string Sha512 = "sha512";
    public const string Sha256 = "sha256";

    public static byte[] Build(ReadOnlySpan<byte> message, string @namespace, string hashAlgorithm)
    {
        byte[] hash = hashAlgorithm switch
        {
            Sha512 => SHA512.HashData(message),
            Sha256 => SHA256.HashData(message),
            _ => throw new FormatException($"SSH signature hash algorithm '{hashAlgorithm}' is not supported (expected {Sha512} or {Sha256})"),
        };
        return new SshWireWriter()
            .WriteFixed(SshSignature.Magic)
            .WriteString(@namespace)
            .WriteString(ReadOnlySpan<byte>.Empty)
            .WriteString(hashAlgorithm)
            .WriteString(hash)
            .ToArray();
    }
}
