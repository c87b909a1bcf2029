using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Cutter.Domain;

/// <summary>A SHA-256 digest as 64 lower-case hex characters.</summary>
public readonly partial record struct Sha256Hex
{
    private Sha256Hex(string value) => Value = value;

    public string Value { get; }

    public static Sha256Hex Parse(string? text, string input = "sha256")
    {
        if (text is null || !Pattern().IsMatch(text))
        {
            throw new InvalidInputException(input, $"'{text}' is not 64 lower-case hex characters");
        }
        return new Sha256Hex(text);
    }

    public static Sha256Hex Of(ReadOnlySpan<byte> bytes) => new(Convert.ToHexStringLower(SHA256.HashData(bytes)));

    public static Sha256Hex Of(string utf8Text) => Of(System.Text.Encoding.UTF8.GetBytes(utf8Text));

    public static Sha256Hex OfStream(Stream stream) => new(Convert.ToHexStringLower(SHA256.HashData(stream)));

    public override string ToString() => Value;

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
