namespace Cutter.Governance.Signatures;

/// <summary>
/// The algorithm names inside an SSH signature blob. For Ed25519, ECDSA and the FIDO types the name is the key type;
/// an RSA key signs under a name that also fixes the hash.
/// </summary>
internal static class SshSignatureAlgorithms
{
    public const string RsaSha256 = "rsa-sha2-256";
    public const string RsaSha512 = "rsa-sha2-512";

    /// <summary>RSA with SHA-1 (RFC 4253): refused, as <c>ssh-keygen -Y verify</c> refuses it, because SHA-1 collisions are practical.</summary>
    public const string RsaSha1 = SshKeyTypes.Rsa;
}
