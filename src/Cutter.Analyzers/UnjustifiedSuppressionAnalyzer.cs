using System;
using System.Collections.Immutable;
using Cutter.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Cutter.Analyzers
{
    /// <summary>
    /// Reports CUT003: <c>[SuppressMessage(…, "CUT00N")]</c> without a non-empty <c>Justification</c>, and
    /// <c>#pragma warning disable CUT00N</c> without a <c>// reason</c> on the same line. Syntax only, so it runs the
    /// same in the build and in <c>cutter scan</c>.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnjustifiedSuppressionAnalyzer : DiagnosticAnalyzer
    {
        private const string RulePrefix = "CUT";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(UnjustifiedSuppressionRule.Descriptor);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(AnalyzeAttribute, SyntaxKind.Attribute);
            context.RegisterSyntaxTreeAction(AnalyzePragmas);
        }

        private static void AnalyzeAttribute(SyntaxNodeAnalysisContext context)
        {
            var attribute = (AttributeSyntax)context.Node;
            var name = attribute.Name switch
            {
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                _ => null,
            };
            if (name != "SuppressMessage" && name != "SuppressMessageAttribute" && name != "UnconditionalSuppressMessage"
                && name != "UnconditionalSuppressMessageAttribute")
            {
                return;
            }
            var arguments = attribute.ArgumentList?.Arguments;
            if (arguments == null || arguments.Value.Count < 2 || arguments.Value[1].NameEquals != null)
            {
                return;
            }
            var checkId = StringValue(arguments.Value[1].Expression);
            if (checkId == null || !checkId.StartsWith(RulePrefix, StringComparison.Ordinal))
            {
                return;
            }
            foreach (var argument in arguments.Value)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == "Justification")
                {
                    var justification = StringValue(argument.Expression);
                    if (justification == null || IsMeaningful(justification))
                    {
                        // A constant reference (not a literal) is taken as a justification kept elsewhere.
                        return;
                    }
                }
            }
            var ruleId = checkId.Split(':')[0].Trim();
            context.ReportDiagnostic(Diagnostic.Create(UnjustifiedSuppressionRule.Descriptor, attribute.GetLocation(), ruleId,
                "add Justification = \"why this is not a secret or runtime id\""));
        }

        private static void AnalyzePragmas(SyntaxTreeAnalysisContext context)
        {
            var root = context.Tree.GetRoot(context.CancellationToken);
            if (!root.ContainsDirectives)
            {
                return;
            }
            foreach (var trivia in root.DescendantTrivia(descendIntoTrivia: true))
            {
                if (!(trivia.GetStructure() is PragmaWarningDirectiveTriviaSyntax pragma)
                    || !pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword))
                {
                    continue;
                }
                foreach (var code in pragma.ErrorCodes)
                {
                    var id = code is IdentifierNameSyntax identifier ? identifier.Identifier.ValueText : null;
                    if (id != null && id.StartsWith(RulePrefix, StringComparison.Ordinal) && !HasReasonComment(pragma))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(UnjustifiedSuppressionRule.Descriptor, pragma.GetLocation(), id,
                            "add '// why this is not a secret or runtime id' after the rule ids"));
                    }
                }
            }
        }

        /// <summary>A <c>// reason</c> comment with some text, on the directive's own line.</summary>
        private static bool HasReasonComment(PragmaWarningDirectiveTriviaSyntax pragma)
        {
            var text = pragma.ToFullString();
            var comment = text.IndexOf("//", StringComparison.Ordinal);
            return comment >= 0 && IsMeaningful(text.Substring(comment + 2));
        }

        /// <summary>Not empty, not whitespace, not the IDE's "&lt;Pending&gt;" stub.</summary>
        private static bool IsMeaningful(string justification)
        {
            var text = justification.Trim();
            return text.Length > 0 && !string.Equals(text, "<Pending>", StringComparison.OrdinalIgnoreCase);
        }

        private static string? StringValue(ExpressionSyntax expression) =>
            expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) ? literal.Token.ValueText : null;
    }
}
