namespace Cutter.Governance.Signatures;

/// <summary>
/// Verifies a detached SSHSIG signature the way <c>ssh-keygen -Y verify</c> does: right namespace, a key listed in
/// allowed_signers for that namespace, and a valid signature over the exact message bytes.
/// </summary>
public static class SshSignatureVerifier
{
    /// <summary>Returns the allowed_signers entry whose key signed; throws <see cref="SignatureVerificationException"/> otherwise.</summary>
    public static AllowedSigner Verify(ReadOnlySpan<byte> message, string armoredSignature, string @namespace, AllowedSigners allowedSigners)
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

        var entries = allowedSigners.FindByKey(signature.PublicKey, @namespace);
        if (entries.Count == 0)
        {
            throw new SignatureVerificationException(SignatureFailure.UnknownKey, $"key {signature.PublicKey.Fingerprint} is not in allowed_signers for namespace '{@namespace}'");
        }

        bool valid;
        try
        {
            var signedData = SshSignedData.Build(message, signature.Namespace, signature.HashAlgorithm);
            valid = signature.PublicKey.Verify(signedData, signature.SignatureBlob);
        }
        catch (FormatException ex)
        {
            throw new SignatureVerificationException(SignatureFailure.Malformed, $"the signature cannot be read: {ex.Message}");
        }
        if (!valid)
        {
            throw new SignatureVerificationException(SignatureFailure.BadSignature, $"the signature by key {signature.PublicKey.Fingerprint} does not match the signed bytes");
        }
        return entries[0];
    }
}
