using System;
using System.Text.RegularExpressions;

namespace Cutter.Analyzers.Detection
{
    /// <summary>
    /// One known credential format: a minimum length and keywords, one of which must occur before the (compiled,
    /// linear) pattern is tried, the way gitleaks pre-filters its rules, so most literals cost a length test or an
    /// IndexOf per format and never reach a regex.
    /// </summary>
    internal sealed class CredentialFormat
    {
        public CredentialFormat(string description, int minimumLength, string[] keywords, string pattern, bool keywordIgnoresCase = false)
        {
            Description = description;
            MinimumLength = minimumLength;
            Keywords = keywords;
            KeywordComparison = keywordIgnoresCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            Pattern = SafeRegex.Compile(pattern);
        }

        public string Description { get; }

        /// <summary>The shortest text the pattern can match; shorter literals are skipped without looking.</summary>
        public int MinimumLength { get; }

        public string[] Keywords { get; }

        public StringComparison KeywordComparison { get; }

        public Regex Pattern { get; }

        private bool ContainsKeyword(string text)
        {
            foreach (var keyword in Keywords)
            {
                if (text.IndexOf(keyword, KeywordComparison) >= 0)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>The match, or null. The keyword test runs first; the regex only when the keyword is present.</summary>
        public Match? Find(string text)
        {
            if (text.Length < MinimumLength || !ContainsKeyword(text))
            {
                return null;
            }
            return SafeRegex.Match(Pattern, text);
        }
    }
}
