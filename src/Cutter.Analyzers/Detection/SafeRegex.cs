using System;
using System.Text.RegularExpressions;

namespace Cutter.Analyzers.Detection
{
    /// <summary>
    /// Regex construction and matching for the rules. Every pattern is linear, but the analyzer runs inside the
    /// compiler on machines that may be starved of CPU, where a wall-clock match timeout can still trip: a timeout
    /// is treated as "no match" so one literal can never crash the build with AD0001.
    /// </summary>
    internal static class SafeRegex
    {
        private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

        public static Regex Compile(string pattern) =>
            new Regex(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant, MatchTimeout);

        public static bool IsMatch(Regex regex, string text)
        {
            try
            {
                return regex.IsMatch(text);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }

        public static Match? Match(Regex regex, string text)
        {
            try
            {
                var match = regex.Match(text);
                return match.Success ? match : null;
            }
            catch (RegexMatchTimeoutException)
            {
                return null;
            }
        }
    }
}
