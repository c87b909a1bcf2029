using Cutter.Cutting;

namespace Cutter.Cli.Commands;

/// <summary>
/// The first words of a unit's own text (its content without the heading or marker that opens it), so a reviewer of
/// `cutter plan` sees where the text went: a heading that swallowed the document, or a clause that holds a recital.
/// </summary>
internal static class UnitPreview
{
    public const int Words = 10;

    /// <summary>Up to <see cref="Words"/> words, "..." when the text goes on; empty when the unit has no text of its own.</summary>
    public static string FirstWords(CandidateUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var text = unit.Content.AsSpan();
        if (unit.Heading.Length > 0 && text.StartsWith(unit.Heading, StringComparison.Ordinal))
        {
            text = text[unit.Heading.Length..];
        }
        var words = new List<string>(Words);
        foreach (var range in text.SplitAny(" \n\t"))
        {
            if (text[range].IsEmpty)
            {
                continue;
            }
            if (words.Count == Words)
            {
                return string.Join(' ', words) + " ...";
            }
            words.Add(text[range].ToString());
        }
        return string.Join(' ', words);
    }
}
