namespace Cutter.Governance.Signatures;

/// <summary>
/// One line of an ssh allowed_signers file: the principals (name patterns) that may sign with <see cref="Key"/>,
/// optionally only in the listed namespaces.
/// </summary>
internal sealed record AllowedSigner(IReadOnlyList<string> Principals, IReadOnlyList<string>? Namespaces, SshPublicKey Key, int LineNumber)
{
    /// <summary>
    /// True when <paramref name="principal"/> matches the line's pattern list as ssh-keygen matches it:
    /// <c>*</c> and <c>?</c> wildcards, and a matching <c>!pattern</c> excludes the principal.
    /// </summary>
    public bool MatchesPrincipal(string principal) => SshPatternList.Matches(Principals, principal);

    /// <summary>True when the line does not restrict namespaces, or its namespace pattern list matches <paramref name="namespace"/>.</summary>
    public bool AllowsNamespace(string @namespace) => Namespaces is null || SshPatternList.Matches(Namespaces, @namespace);
}
