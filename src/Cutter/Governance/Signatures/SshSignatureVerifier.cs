namespace Cutter.Governance.Signatures;

/// <summary>
/// Verifies a detached SSHSIG signature the way <c>ssh-keygen -Y verify</c> does: right namespace, a key listed in
/// allowed_signers for that namespace, and a valid signature over the exact message bytes. Any input, however broken,
/// ends in a <see cref="SignatureVerificationException"/> naming the failed check, never in another exception.
/// </summary>
internal static class SshSignatureVerifier
{
    /// <summary>Returns the first allowed_signers entry whose key signed; throws <see cref="SignatureVerificationException"/> otherwise.</summary>
    public static AllowedSigner Verify(ReadOnlySpan<byte> message, string armoredSignature, string @namespace, AllowedSigners allowedSigners) =>
        Verify(message, armoredSignature, @namespace, allowedSigners, principal: null);

    /// <summary>
    /// As <c>ssh-keygen -Y verify -I principal</c>: the entry must list the key for <paramref name="principal"/>
    /// (a key may be on several lines; <c>!</c> patterns exclude). With a null principal, any line holding the key.
    /// </summary>
    public static AllowedSigner Verify(ReadOnlySpan<byte> message, string armoredSignature, string @namespace, AllowedSigners allowedSigners, string? principal)
    {
        SshSignature signature;
        try
        {
            signature = SshSignature.ParseArmored(armoredSignature);
        }
        catch (FormatException ex)
        {
            throw new SignatureVerificationException(SignatureFailure.Malformed, $"the signature cannot be read: {ex.Message}");
        }

        if (signature.Namespace != @namespace)
        {
            throw new SignatureVerificationException(SignatureFailure.WrongNamespace, $"the signature is for namespace '{signature.Namespace}', expected '{@namespace}'");
        }

        var entry = principal is null
            ? allowedSigners.FindByKey(signature.PublicKey, @namespace).FirstOrDefault()
            : allowedSigners.FindForPrincipal(signature.PublicKey, @namespace, principal);
        if (entry is null)
        {
            var forWhom = principal is null ? "" : $" for principal '{principal}'";
            throw new SignatureVerificationException(SignatureFailure.UnknownKey, $"key {signature.PublicKey.Fingerprint} is not in allowed_signers{forWhom} for namespace '{@namespace}'");
        }

        if (!signature.Verifies(message))
        {
            throw new SignatureVerificationException(SignatureFailure.BadSignature, $"the signature by key {signature.PublicKey.Fingerprint} does not match the signed bytes");
        }
        return entry;
    }
}
