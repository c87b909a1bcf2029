using Cutter.Domain;

namespace Cutter.Governance.Signatures;

/// <summary>An SSH signature was rejected; <see cref="Failure"/> says which check failed.</summary>
internal sealed class SignatureVerificationException : CutterException
{
    public SignatureVerificationException(SignatureFailure failure, string message) : base(message) => Failure = failure;

    public SignatureFailure Failure { get; }
}
