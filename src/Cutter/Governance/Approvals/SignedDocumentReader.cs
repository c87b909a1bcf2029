using Cutter.Domain;
using Cutter.Governance.Signatures;
using Cutter.Knowledge;

namespace Cutter.Governance.Approvals;

/// <summary>
/// The checks every signed governance doc goes through before any of its fields is trusted:
/// present, signed, signature readable, key in allowed_signers, signature valid over the exact raw bytes,
/// fields well-formed, and the <c>signer</c> field naming a principal that holds the signing key.
/// </summary>
internal static class SignedDocumentReader
{
    public sealed record SignedDocument(ApprovalDocument Document, Sha256Hex Sha256, string Principal, string KeyFingerprint);

    public static SignedDocument Read(KbDocument? doc, AllowedSigners allowedSigners, string what)
    {
        if (doc is null) throw new ApprovalFailure(ApprovalCheck.Present, $"no {what} document was found");
        if (string.IsNullOrWhiteSpace(doc.Signature)) throw new ApprovalFailure(ApprovalCheck.Signed, $"{what} {doc.Id} has no signature");

        var entry = VerifySignature(doc.Raw, doc.Signature, allowedSigners, $"{what} {doc.Id}");
        string fingerprint = entry.Key.Fingerprint;

        ApprovalDocument parsed;
        try
        {
            parsed = ApprovalDocument.Parse(doc.Raw);
        }
        catch (FormatException ex)
        {
            throw new ApprovalFailure(ApprovalCheck.WellFormed, $"{what} {doc.Id}: {ex.Message}");
        }

        // As ssh-keygen -Y verify -I signer: any line listing this key for the signer counts (a key may be on several lines).
        if (allowedSigners.FindForPrincipal(entry.Key, ApprovalFields.SignatureNamespace, parsed.Signer) is null)
        {
            throw new ApprovalFailure(ApprovalCheck.SignerMatchesKey,
                $"{what} {doc.Id} names signer '{parsed.Signer}' but was signed by key {fingerprint} of {string.Join(", ", entry.Principals)}");
        }
        return new SignedDocument(parsed, Sha256Hex.Of(doc.Raw), parsed.Signer, fingerprint);
    }

    /// <summary>The allowed_signers entry whose key made <paramref name="signature"/> over <paramref name="raw"/> under the approval namespace; each failure an <see cref="ApprovalFailure"/>.</summary>
    public static AllowedSigner VerifySignature(byte[] raw, string signature, AllowedSigners allowedSigners, string what)
    {
        try
        {
            return SshSignatureVerifier.Verify(raw, signature, ApprovalFields.SignatureNamespace, allowedSigners);
        }
        catch (SignatureVerificationException ex)
        {
            var check = ex.Failure switch
            {
                SignatureFailure.Malformed => ApprovalCheck.SignatureReadable,
                SignatureFailure.UnknownKey => ApprovalCheck.SignerKnown,
                _ => ApprovalCheck.SignatureValid,
            };
            throw new ApprovalFailure(check, $"{what}: {ex.Message}");
        }
    }
}
