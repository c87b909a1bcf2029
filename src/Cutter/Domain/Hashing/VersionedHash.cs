using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Cutter.Domain.Hashing;

/// <summary>
/// A digest and the form it was made in, written <c>sha256:grants-v1:&lt;64 hex&gt;</c>. Equality of two hashes is
/// only asked of hashes of one form: <see cref="Matches"/> refuses the question otherwise, so a change of form can
/// never pass for a change of data.
/// </summary>
public readonly partial record struct VersionedHash
{
    private VersionedHash(HashForm form, string hex)
    {
        Form = form;
        Hex = hex;
    }

    public HashForm Form { get; }

    /// <summary>The digest as 64 lower-case hex characters.</summary>
    public string Hex { get; }

    public static VersionedHash FromHex(HashForm form, string hex, string input = "hash")
    {
        ArgumentNullException.ThrowIfNull(form);
        if (hex is null || !HexPattern().IsMatch(hex))
        {
            throw new InvalidInputException(input, $"'{hex}' is not 64 lower-case hex characters");
        }
        return new VersionedHash(form, hex);
    }

    public static VersionedHash Of(HashForm form, ReadOnlySpan<byte> bytes) =>
        new(form, Convert.ToHexStringLower(SHA256.HashData(bytes)));

    public static VersionedHash Of(HashForm form, string utf8Text) => Of(form, System.Text.Encoding.UTF8.GetBytes(utf8Text));

    public static VersionedHash OfStream(HashForm form, Stream stream) => new(form, Convert.ToHexStringLower(SHA256.HashData(stream)));

    /// <summary>
    /// Reads <c>sha256:&lt;family&gt;-v&lt;N&gt;:&lt;hex&gt;</c> of <paramref name="family"/>; an untagged 64-hex value (written before
    /// hashes carried tags) is read as that family's version 1. A tag of another family is refused.
    /// </summary>
    public static VersionedHash Parse(string? text, string family, string input)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new InvalidInputException(input, "no hash given");
        text = text.Trim();
        if (HexPattern().IsMatch(text)) return new VersionedHash(HashForms.Untagged(family), text);
        var split = text.LastIndexOf(':');
        if (split < 0) throw new InvalidInputException(input, $"'{text}' is neither <form>:<64 hex> (such as sha256:{family}-v1:...) nor 64 hex characters");
        var form = HashForm.Parse(text[..split], input);
        if (form.Family != family) throw new InvalidInputException(input, $"'{text}' is a {form.Family} hash, not a {family} hash");
        return FromHex(form, text[(split + 1)..], input);
    }

    /// <summary>
    /// A run's payload sha: the candidate set's (<c>payload</c> family) or, for an amendment run, its diff's
    /// (<c>amendment</c> family, docs/amendments.md). Untagged 64 hex is payload-v1, as before tags.
    /// </summary>
    public static VersionedHash ParsePayload(string? text, string input) =>
        text is not null && text.Trim().StartsWith(HashForms.AmendmentV1.Algorithm + ":" + HashForms.AmendmentV1.Family + "-", StringComparison.Ordinal)
            ? Parse(text, HashForms.AmendmentV1.Family, input)
            : Parse(text, HashForms.Payload.Family, input);

    /// <summary>Equal digests of the same form. Throws <see cref="HashFormMismatchException"/> when the forms differ.</summary>
    public bool Matches(VersionedHash other, string what)
    {
        if (Form != other.Form) throw new HashFormMismatchException(what, Form, other.Form);
        return string.Equals(Hex, other.Hex, StringComparison.Ordinal);
    }

    /// <summary>The same, as a three-way answer for reports that must show a refusal rather than throw.</summary>
    public HashComparison CompareWith(VersionedHash other) =>
        Form != other.Form ? HashComparison.DifferentForms
        : string.Equals(Hex, other.Hex, StringComparison.Ordinal) ? HashComparison.Equal
        : HashComparison.Different;

    public override string ToString() => Form is null ? "" : $"{Form.Tag}:{Hex}";

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex HexPattern();
}
