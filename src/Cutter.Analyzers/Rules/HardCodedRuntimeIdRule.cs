using Cutter.Analyzers.Detection;
using Microsoft.CodeAnalysis;

namespace Cutter.Analyzers.Rules
{
    /// <summary>CUT002: a value that differs per run or machine written into code. Documented in docs/analyzers/CUT002.md.</summary>
    internal static class HardCodedRuntimeIdRule
    {
        public static readonly DiagnosticDescriptor Descriptor = new DiagnosticDescriptor(
            RuleIdentifiers.HardCodedRuntimeId,
            title: "Hard-coded runtime id",
            messageFormat: MessageFormats.RuntimeId,
            category: "Reliability",
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Run ids and other UUIDs used as ids, KB document ids, machine host names and pinned SHA-256 values belong in configuration, not in code.",
            helpLinkUri: "docs/analyzers/CUT002.md");
    }
}
