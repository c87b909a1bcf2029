namespace Cutter.Governance.Signatures;

/// <summary>
/// OpenSSH's pattern lists (ssh_config(5) "PATTERNS", <c>match_pattern_list</c> in match.c), as allowed_signers uses
/// them for principals and namespaces: comma-separated patterns with <c>*</c> and <c>?</c>; a pattern prefixed with
/// <c>!</c> that matches makes the whole list not match, whatever else matches.
/// </summary>
internal static class SshPatternList
{
    public static bool Matches(IEnumerable<string> patterns, string text)
    {
        var positive = false;
        foreach (var pattern in patterns)
        {
            var negated = pattern.StartsWith('!');
            if (!GlobMatch(negated ? pattern[1..] : pattern, text)) continue;
            if (negated) return false;
            positive = true;
        }
        return positive;
    }

    private static bool GlobMatch(string pattern, string text)
    {
        // Iterative glob with single backtrack point for '*': linear enough for short principal names.
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t])) { p++; t++; }
            else if (p < pattern.Length && pattern[p] == '*') { star = p++; mark = t; }
            else if (star >= 0) { p = star + 1; t = ++mark; }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
