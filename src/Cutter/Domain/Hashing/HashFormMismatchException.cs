namespace Cutter.Domain.Hashing;

/// <summary>
/// Two hashes of different forms were about to be compared. Their digests would differ whether or not the data
/// did, so Cutter refuses to call it a mismatch; the message names both forms and what was being compared.
/// </summary>
internal sealed class HashFormMismatchException(string what, HashForm expected, HashForm found)
    : CutterException($"{what}: refusing to compare a {found.Tag} hash with a {expected.Tag} hash (different canonical forms; see docs/hashes.md)")
{
    public HashForm Expected { get; } = expected;
    public HashForm Found { get; } = found;
}
