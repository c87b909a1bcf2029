using System.Text.RegularExpressions;

namespace Cutter.Domain;

/// <summary>A governance document's code such as <c>ICX-CONST</c>: upper-case letters, digits and dashes, 2 to 40 long.</summary>
public readonly partial record struct DocumentCode
{
    private DocumentCode(string value) => Value = value;

    public string Value { get; }

    public static DocumentCode Parse(string? text)
    {
        if (text is null || !Pattern().IsMatch(text))
        {
            throw new InvalidInputException("document code", $"'{text}' must be 2-40 characters of A-Z, 0-9 and '-', starting with a letter (for example ICX-CONST)");
        }
        return new DocumentCode(text);
    }

    public override string ToString() => Value;

    [GeneratedRegex("^[A-Z][A-Z0-9-]{1,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
