namespace Cutter.Governance.Signatures;

/// <summary>Why an SSH signature was not accepted.</summary>
internal enum SignatureFailure
{
    /// <summary>The armored text or the blob inside it cannot be read.</summary>
    Malformed,
    /// <summary>The signature was made for another namespace (another purpose).</summary>
    WrongNamespace,
    /// <summary>No allowed_signers line holds the signing key for this namespace.</summary>
    UnknownKey,
    /// <summary>The signature does not verify over these bytes.</summary>
    BadSignature,
    /// <summary>
    /// The signature is readable but made in a way Cutter refuses: RSA with SHA-1 (<c>ssh-rsa</c>), or a FIDO signature
    /// made without the authenticator being touched (user-presence flag unset).
    /// </summary>
    RefusedAlgorithm,
}
