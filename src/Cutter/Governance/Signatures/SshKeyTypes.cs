namespace Cutter.Governance.Signatures;

/// <summary>The SSH key type names Cutter verifies (as written in allowed_signers and inside key blobs).</summary>
public static class SshKeyTypes
{
    public const string Ed25519 = "ssh-ed25519";
    public const string EcdsaP256 = "ecdsa-sha2-nistp256";

    /// <summary>The curve identifier inside an ecdsa-sha2-nistp256 key blob (RFC 5656 §3.1).</summary>
    internal const string EcdsaP256Curve = "nistp256";

    public static IReadOnlyList<string> Supported { get; } = [Ed25519, EcdsaP256];
}
