using System;
using System.Text.RegularExpressions;

namespace Cutter.Analyzers.Detection
{
    /// <summary>
    /// One known credential format: a cheap keyword that must occur before the (compiled, linear) pattern is tried,
    /// the way gitleaks pre-filters its rules, so most literals cost one IndexOf per format.
    /// </summary>
    internal sealed class CredentialFormat
    {
        private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

        public CredentialFormat(string description, string keyword, string pattern, bool keywordIgnoresCase = false)
        {
            Description = description;
            Keyword = keyword;
            KeywordComparison = keywordIgnoresCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            Pattern = new Regex(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant, MatchTimeout);
        }

        public string Description { get; }

        public string Keyword { get; }

        public StringComparison KeywordComparison { get; }

        public Regex Pattern { get; }

        /// <summary>The match, or null. The keyword test runs first; the regex only when the keyword is present.</summary>
        public Match? Find(string text)
        {
            if (text.IndexOf(Keyword, KeywordComparison) < 0)
            {
                return null;
            }
            try
            {
                var match = Pattern.Match(text);
                return match.Success ? match : null;
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological literal must not hang the build; treat it as not matching this format.
                return null;
            }
        }
    }
}
