namespace Cutter.Governance.Signatures;

/// <summary>
/// One line of an ssh allowed_signers file: the principals (name patterns) that may sign with <see cref="Key"/>,
/// optionally only in the listed namespaces.
/// </summary>
public sealed record AllowedSigner(IReadOnlyList<string> Principals, IReadOnlyList<string>? Namespaces, SshPublicKey Key, int LineNumber)
{
    /// <summary>True when <paramref name="principal"/> matches one of the patterns (<c>*</c> and <c>?</c> wildcards, as ssh-keygen allows).</summary>
    public bool MatchesPrincipal(string principal) => Principals.Any(pattern => GlobMatch(pattern, principal));

    /// <summary>True when the line does not restrict namespaces, or lists <paramref name="namespace"/>.</summary>
    public bool AllowsNamespace(string @namespace) => Namespaces is null || Namespaces.Any(pattern => GlobMatch(pattern, @namespace));

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
