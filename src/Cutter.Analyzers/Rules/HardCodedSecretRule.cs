using Cutter.Analyzers.Detection;
using Microsoft.CodeAnalysis;

namespace Cutter.Analyzers.Rules
{
    /// <summary>CUT001: a credential written into code or committed configuration. Documented in docs/analyzers/CUT001.md.</summary>
    internal static class HardCodedSecretRule
    {
        public static readonly DiagnosticDescriptor Descriptor = new DiagnosticDescriptor(
            RuleIdentifiers.HardCodedSecret,
            title: "Hard-coded secret",
            messageFormat: MessageFormats.Secret,
            category: "Security",
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Credentials (cloud keys, VCS and CI tokens, webhooks, payment keys, JWTs, private keys, passwords in URLs or connection strings, high-entropy values bound to secret-like names) must come from the environment or an env file, never from code or committed configuration.",
            helpLinkUri: "docs/analyzers/CUT001.md");
    }
}
