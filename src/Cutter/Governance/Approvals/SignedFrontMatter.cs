using System.Text;
using Cutter.Domain;
using Cutter.Knowledge;

namespace Cutter.Governance.Approvals;

/// <summary>
/// Reads and writes the front matter of signed governance docs directly from and to their raw bytes, so the fields
/// a verifier acts on are exactly the fields the signature covers (never a copy parsed elsewhere). The grammar is
/// the KB's, through the one reader <see cref="KbFrontMatter"/>: a signed doc and the KB split the same bytes at
/// the same line and read the same fields. Problems surface as <see cref="FormatException"/>, which the approval
/// checks report as a malformed doc.
/// </summary>
internal static class SignedFrontMatter
{
    private const string Source = "signed document";

    public static (IReadOnlyDictionary<string, string> Fields, string Body) Parse(byte[] raw)
    {
        try
        {
            var (fields, split) = KbFrontMatter.Read(raw, Source);
            return (fields, split.Body);
        }
        catch (KbFrontMatterException ex)
        {
            throw new FormatException($"the document does not open with well-formed front matter: line {ex.Line}: front matter {ex.FrontMatterProblem}", ex);
        }
        catch (InvalidInputException ex)
        {
            throw new FormatException($"the document is not valid UTF-8: {ex.Problem}", ex);
        }
    }

    /// <summary>Renders fields (in order) between fences, then the body; LF line ends, UTF-8 without BOM.</summary>
    public static byte[] Render(IEnumerable<KeyValuePair<string, string>> fields, string body)
    {
        var text = new StringBuilder(KbFrontMatter.Render(fields)).Append(body.ReplaceLineEndings("\n"));
        if (text[^1] != '\n') text.Append('\n');
        return new UTF8Encoding(false).GetBytes(text.ToString());
    }
}
