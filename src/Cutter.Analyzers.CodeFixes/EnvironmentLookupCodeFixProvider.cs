using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Cutter.Analyzers.Detection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Cutter.Analyzers.CodeFixes
{
    /// <summary>
    /// CUT001/CUT002 fix: replaces the literal with
    /// <c>System.Environment.GetEnvironmentVariable("NAME") ?? throw new System.InvalidOperationException("NAME is not set")</c>,
    /// NAME derived from the symbol the literal is bound to (<c>apiKey</c> → <c>API_KEY</c>). A <c>const</c> field becomes
    /// <c>static readonly</c> (a const local loses <c>const</c>). Parameter defaults and attribute arguments must be
    /// compile-time constants, so no fix is offered there.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(EnvironmentLookupCodeFixProvider))]
    [Shared]
    public sealed class EnvironmentLookupCodeFixProvider : CodeFixProvider
    {
        private const string Title = "Read the value from an environment variable";
        private const string FallbackName = "CUTTER_VALUE";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(RuleIdentifiers.HardCodedSecret, RuleIdentifiers.HardCodedRuntimeId);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null)
            {
                return;
            }
            var literal = root.FindNode(context.Span, getInnermostNodeForTie: true) as LiteralExpressionSyntax;
            if (literal == null || !literal.IsKind(SyntaxKind.StringLiteralExpression) || MustStayConstant(literal))
            {
                return;
            }
            var name = EnvironmentName(LiteralContextReader.Read(literal).BindingName);
            foreach (var diagnostic in context.Diagnostics)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, cancellation => ReplaceAsync(context.Document, literal, name, cancellation), equivalenceKey: Title),
                    diagnostic);
            }
        }

        /// <summary><c>apiKey</c> → <c>API_KEY</c>, <c>ExpectedHost</c> → <c>EXPECTED_HOST</c>, <c>DB_PASSWORD</c> stays.</summary>
        public static string EnvironmentName(string? bindingName)
        {
            var words = BindingNames.Split(bindingName);
            return words.Count == 0 ? FallbackName : string.Join("_", words.Select(w => w.ToUpperInvariant()));
        }

        private static bool MustStayConstant(SyntaxNode literal)
        {
            for (var node = literal.Parent; node != null; node = node.Parent)
            {
                if (node is ParameterSyntax || node is AttributeArgumentSyntax || node is CaseSwitchLabelSyntax
                    || node is ConstantPatternSyntax || node is EnumMemberDeclarationSyntax)
                {
                    return true;
                }
                if (node is StatementSyntax || node is MemberDeclarationSyntax)
                {
                    return false;
                }
            }
            return false;
        }

        private static async Task<Document> ReplaceAsync(Document document, LiteralExpressionSyntax literal, string name, CancellationToken cancellation)
        {
            var root = await document.GetSyntaxRootAsync(cancellation).ConfigureAwait(false);
            if (root == null)
            {
                return document;
            }
            var lookup = SyntaxFactory.ParseExpression(
                $"System.Environment.GetEnvironmentVariable(\"{name}\") ?? throw new System.InvalidOperationException(\"{name} is not set\")");
            ExpressionSyntax replacement = NeedsParentheses(literal) ? SyntaxFactory.ParenthesizedExpression(lookup) : lookup;
            replacement = replacement.WithTriviaFrom(literal);

            var declaration = literal.FirstAncestorOrSelf<VariableDeclarationSyntax>();
            var field = declaration?.Parent as FieldDeclarationSyntax;
            var local = declaration?.Parent as LocalDeclarationStatementSyntax;
            if (field != null && field.Modifiers.Any(SyntaxKind.ConstKeyword))
            {
                var newField = field.ReplaceNode(literal, replacement);
                newField = newField.WithModifiers(ToStaticReadonly(newField.Modifiers));
                return document.WithSyntaxRoot(root.ReplaceNode(field, newField));
            }
            if (local != null && local.Modifiers.Any(SyntaxKind.ConstKeyword))
            {
                var newLocal = local.ReplaceNode(literal, replacement);
                var constToken = newLocal.Modifiers.First(m => m.IsKind(SyntaxKind.ConstKeyword));
                newLocal = newLocal.WithModifiers(newLocal.Modifiers.Remove(constToken)).WithLeadingTrivia(local.GetLeadingTrivia());
                return document.WithSyntaxRoot(root.ReplaceNode(local, newLocal));
            }
            return document.WithSyntaxRoot(root.ReplaceNode(literal, replacement));
        }

        private static SyntaxTokenList ToStaticReadonly(SyntaxTokenList modifiers)
        {
            var result = new List<SyntaxToken>();
            foreach (var modifier in modifiers)
            {
                if (modifier.IsKind(SyntaxKind.ConstKeyword))
                {
                    result.Add(SyntaxFactory.Token(SyntaxKind.StaticKeyword).WithLeadingTrivia(modifier.LeadingTrivia).WithTrailingTrivia(SyntaxFactory.Space));
                    result.Add(SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword).WithTrailingTrivia(modifier.TrailingTrivia));
                }
                else
                {
                    result.Add(modifier);
                }
            }
            return SyntaxFactory.TokenList(result);
        }

        private static bool NeedsParentheses(SyntaxNode literal) =>
            !(literal.Parent is EqualsValueClauseSyntax || literal.Parent is ArgumentSyntax || literal.Parent is AssignmentExpressionSyntax
              || literal.Parent is ReturnStatementSyntax || literal.Parent is ArrowExpressionClauseSyntax
              || literal.Parent is InitializerExpressionSyntax || literal.Parent is AnonymousObjectMemberDeclaratorSyntax);
    }
}
