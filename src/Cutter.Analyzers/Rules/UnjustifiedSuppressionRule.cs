using Microsoft.CodeAnalysis;

namespace Cutter.Analyzers.Rules
{
    /// <summary>CUT003: a CUT rule silenced without saying why. Documented in docs/analyzers/CUT003.md.</summary>
    internal static class UnjustifiedSuppressionRule
    {
        public static readonly DiagnosticDescriptor Descriptor = new DiagnosticDescriptor(
            RuleIdentifiers.UnjustifiedSuppression,
            title: "Suppression without justification",
            messageFormat: "Suppression of {0} without a justification: {1}",
            category: "Maintainability",
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "A [SuppressMessage] of a CUT rule needs a non-empty Justification, and a '#pragma warning disable' of one needs a '// reason' comment on the same line, so every exception to the secret and runtime-id rules says why it is safe.",
            helpLinkUri: "docs/analyzers/CUT003.md");
    }
}
