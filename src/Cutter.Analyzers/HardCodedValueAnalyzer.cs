using System.Collections.Immutable;
using Cutter.Analyzers.Detection;
using Cutter.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Cutter.Analyzers
{
    /// <summary>
    /// Reports CUT001 and CUT002. One analyzer for both rules so each literal is classified once: it acts only on
    /// string literal nodes and interpolated-string text, and on the AdditionalFiles the build carries.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class HardCodedValueAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(HardCodedSecretRule.Descriptor, HardCodedRuntimeIdRule.Descriptor);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(
                AnalyzeLiteral,
                SyntaxKind.StringLiteralExpression,
                SyntaxKind.Utf8StringLiteralExpression,
                SyntaxKind.InterpolatedStringText);
            context.RegisterAdditionalFileAction(AnalyzeAdditionalFile);
        }

        private static void AnalyzeLiteral(SyntaxNodeAnalysisContext context)
        {
            var node = context.Node;
            var value = node is InterpolatedStringTextSyntax text
                ? text.TextToken.ValueText
                : ((LiteralExpressionSyntax)node).Token.ValueText;
            if (value.Length < 4)
            {
                return;
            }

            var literalContext = LiteralContextReader.Read(node);
            var finding = LiteralClassifier.Classify(value, literalContext);
            if (finding == null && literalContext.BindingName == null && literalContext.Usage == LiteralUsage.Value
                && LiteralClassifier.CouldBindByName(value))
            {
                // A positional argument binds to its parameter's name; ask the semantic model only when syntax gave no name.
                var parameterName = LiteralContextReader.ParameterNameOf(node, context.SemanticModel, context.CancellationToken);
                if (parameterName != null)
                {
                    finding = LiteralClassifier.Classify(value, new LiteralContext(parameterName, LiteralUsage.Value));
                }
            }
            if (finding != null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DescriptorFor(finding), node.GetLocation(), finding.Description));
            }
        }

        private static void AnalyzeAdditionalFile(AdditionalFileAnalysisContext context)
        {
            var sourceText = context.AdditionalFile.GetText(context.CancellationToken);
            if (sourceText == null || sourceText.Length > MaximumAdditionalFileLength)
            {
                return;
            }
            foreach (var found in ConfigurationTextScanner.Scan(sourceText.ToString()))
            {
                var span = new TextSpan(found.Offset, System.Math.Min(found.Length, sourceText.Length - found.Offset));
                var location = Location.Create(context.AdditionalFile.Path, span, sourceText.Lines.GetLinePositionSpan(span));
                context.ReportDiagnostic(Diagnostic.Create(DescriptorFor(found.Finding), location, found.Finding.Description));
            }
        }

        // Configuration files are small; a multi-megabyte "additional file" is data, not configuration.
        private const int MaximumAdditionalFileLength = 4 * 1024 * 1024;

        private static DiagnosticDescriptor DescriptorFor(LiteralFinding finding) =>
            finding.RuleId == RuleIdentifiers.HardCodedSecret ? HardCodedSecretRule.Descriptor : HardCodedRuntimeIdRule.Descriptor;
    }
}
