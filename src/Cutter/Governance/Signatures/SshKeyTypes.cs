namespace Cutter.Governance.Signatures;

/// <summary>The SSH key type names Cutter verifies (as written in allowed_signers and inside key blobs).</summary>
internal static class SshKeyTypes
{
    public const string Ed25519 = "ssh-ed25519";
    public const string EcdsaP256 = "ecdsa-sha2-nistp256";
    public const string EcdsaP384 = "ecdsa-sha2-nistp384";
    public const string EcdsaP521 = "ecdsa-sha2-nistp521";
    public const string Rsa = "ssh-rsa";

    /// <summary>A FIDO authenticator's Ed25519 key (OpenSSH PROTOCOL.u2f).</summary>
    public const string SkEd25519 = "sk-ssh-ed25519@openssh.com";

    /// <summary>A FIDO authenticator's ECDSA P-256 key (OpenSSH PROTOCOL.u2f).</summary>
    public const string SkEcdsaP256 = "sk-ecdsa-sha2-nistp256@openssh.com";

    public static IReadOnlyList<string> Supported { get; } = [Ed25519, EcdsaP256, EcdsaP384, EcdsaP521, Rsa, SkEd25519, SkEcdsaP256];
}
