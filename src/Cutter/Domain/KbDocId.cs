using System.Text.RegularExpressions;

namespace Cutter.Domain;

/// <summary>A knowledge-base document id such as <c>KB-2185</c>: "KB-" then 1 to 9 digits.</summary>
public readonly partial record struct KbDocId
{
    private KbDocId(string value) => Value = value;

    public string Value { get; }

    /// <summary>
    /// The reserved id that names no document: used where a record needs an id but no KB doc exists
    /// (a simulated approval, the sample seed's decision, validating a doc before it is given its id).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Cutter", "CUT002", Justification = "KB-0 is the reserved 'no document' id, never a deployment's runtime id")]
    public static KbDocId None { get; } = new("KB-0");

    public static KbDocId Parse(string? text)
    {
        if (text is null || !Pattern().IsMatch(text))
        {
            throw new InvalidInputException("KB document id", $"'{text}' is not of the form KB-<digits> (for example KB-2185)");
        }
        return new KbDocId(text);
    }

    public static bool TryParse(string? text, out KbDocId id)
    {
        if (text is not null && Pattern().IsMatch(text)) { id = new KbDocId(text); return true; }
        id = default;
        return false;
    }

    public override string ToString() => Value;

    [GeneratedRegex("^KB-[0-9]{1,9}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
