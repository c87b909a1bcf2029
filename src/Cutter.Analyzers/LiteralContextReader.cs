using System;
using System.Threading;
using Cutter.Analyzers.Detection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Cutter.Analyzers
{
    /// <summary>
    /// Reads a literal's surroundings from syntax alone: the name it is bound to (variable, field, property, parameter
    /// default, named argument, assignment target, dictionary key, object or anonymous initializer) and its usage
    /// (configuration read, log or exception message, regex pattern, attribute argument).
    /// </summary>
    internal static class LiteralContextReader
    {
        public static LiteralContext Read(SyntaxNode literal)
        {
            var expression = literal is InterpolatedStringTextSyntax ? literal.Parent! : literal;
            expression = ClimbWrappers(expression);
            var parent = expression.Parent;
            switch (parent)
            {
                case EqualsValueClauseSyntax equals:
                    return Bound(NameOfDeclaration(equals.Parent));
                case ArrowExpressionClauseSyntax arrow:
                    return Bound(NameOfMember(arrow.Parent));
                case ReturnStatementSyntax ret:
                    return Bound(NameOfMember(EnclosingMember(ret)));
                case AssignmentExpressionSyntax assignment when assignment.Right == expression:
                    return Bound(NameOfTarget(assignment.Left));
                case AnonymousObjectMemberDeclaratorSyntax anonymous:
                    return Bound(anonymous.NameEquals?.Name.Identifier.ValueText);
                case ArgumentSyntax argument:
                    return FromArgument(argument, expression);
                case AttributeArgumentSyntax attributeArgument:
                    return FromAttributeArgument(attributeArgument);
                case InitializerExpressionSyntax initializer when initializer.IsKind(SyntaxKind.ComplexElementInitializerExpression):
                    return FromKeyValueInitializer(initializer, expression);
                default:
                    return new LiteralContext(null, LiteralUsage.Value);
            }
        }

        /// <summary>The parameter a positional argument binds to; null when the literal is not a positional argument.</summary>
        public static string? ParameterNameOf(SyntaxNode literal, SemanticModel model, CancellationToken cancellation)
        {
            var expression = ClimbWrappers(literal is InterpolatedStringTextSyntax ? literal.Parent! : literal);
            if (!(expression.Parent is ArgumentSyntax argument) || argument.NameColon != null
                || !(argument.Parent is BaseArgumentListSyntax list) || list.Parent == null)
            {
                return null;
            }
            if (!(model.GetSymbolInfo(list.Parent, cancellation).Symbol is IMethodSymbol method))
            {
                return null;
            }
            var index = list.Arguments.IndexOf(argument);
            if (index < 0 || method.Parameters.Length == 0)
            {
                return null;
            }
            return method.Parameters[Math.Min(index, method.Parameters.Length - 1)].Name;
        }

        private static SyntaxNode ClimbWrappers(SyntaxNode expression)
        {
            while (expression.Parent != null)
            {
                var parent = expression.Parent;
                var climb = parent switch
                {
                    ParenthesizedExpressionSyntax _ => true,
                    CastExpressionSyntax _ => true,
                    PostfixUnaryExpressionSyntax p => p.IsKind(SyntaxKind.SuppressNullableWarningExpression),
                    ConditionalExpressionSyntax c => c.Condition != expression,
                    BinaryExpressionSyntax b => b.IsKind(SyntaxKind.CoalesceExpression) || b.IsKind(SyntaxKind.AddExpression),
                    _ => false,
                };
                if (!climb)
                {
                    return expression;
                }
                expression = parent;
            }
            return expression;
        }

        private static LiteralContext Bound(string? name) => new LiteralContext(name, LiteralUsage.Value);

        private static LiteralContext FromArgument(ArgumentSyntax argument, SyntaxNode expression)
        {
            var list = argument.Parent as BaseArgumentListSyntax;
            var owner = list?.Parent;
            if (owner is ElementAccessExpressionSyntax || owner is ElementBindingExpressionSyntax)
            {
                // configuration["orchestrator:expected_host"], headers["Authorization"]: the literal is a key.
                return new LiteralContext(null, LiteralUsage.ConfigurationKey);
            }
            var calleeName = owner switch
            {
                InvocationExpressionSyntax invocation => SimpleName(invocation.Expression),
                BaseObjectCreationExpressionSyntax creation => creation is ObjectCreationExpressionSyntax named ? SimpleName(named.Type) : null,
                _ => null,
            };
            var usage = CalleeUsage.Of(calleeName);
            if (usage != LiteralUsage.Value)
            {
                return new LiteralContext(null, usage);
            }
            if (argument.NameColon != null)
            {
                return Bound(argument.NameColon.Name.Identifier.ValueText);
            }
            // dictionary.Add("apiKey", "value"): the second argument is bound to the first when that is a literal key.
            if (list != null && list.Arguments.Count == 2 && list.Arguments[1] == argument && CalleeUsage.IsKeyedAdd(calleeName)
                && list.Arguments[0].Expression is LiteralExpressionSyntax key && key.IsKind(SyntaxKind.StringLiteralExpression))
            {
                return Bound(key.Token.ValueText);
            }
            return new LiteralContext(null, LiteralUsage.Value);
        }

        private static LiteralContext FromAttributeArgument(AttributeArgumentSyntax argument)
        {
            if (argument.NameEquals != null)
            {
                return Bound(argument.NameEquals.Name.Identifier.ValueText);
            }
            if (argument.NameColon != null)
            {
                return Bound(argument.NameColon.Name.Identifier.ValueText);
            }
            var attribute = argument.Parent?.Parent as AttributeSyntax;
            var name = attribute == null ? null : SimpleName(attribute.Name);
            return new LiteralContext(null, CalleeUsage.IsRegex(name) ? LiteralUsage.RegexPattern : LiteralUsage.AttributeArgument);
        }

        private static LiteralContext FromKeyValueInitializer(InitializerExpressionSyntax initializer, SyntaxNode expression)
        {
            // new Dictionary<string, string> { { "password", "..." } }
            if (initializer.Expressions.Count == 2 && initializer.Expressions[1] == expression
                && initializer.Expressions[0] is LiteralExpressionSyntax key && key.IsKind(SyntaxKind.StringLiteralExpression))
            {
                return Bound(key.Token.ValueText);
            }
            return new LiteralContext(null, LiteralUsage.Value);
        }

        private static string? NameOfDeclaration(SyntaxNode? declaration) => declaration switch
        {
            VariableDeclaratorSyntax variable => variable.Identifier.ValueText,
            PropertyDeclarationSyntax property => property.Identifier.ValueText,
            ParameterSyntax parameter => parameter.Identifier.ValueText,
            EnumMemberDeclarationSyntax member => member.Identifier.ValueText,
            _ => null,
        };

        private static string? NameOfMember(SyntaxNode? member) => member switch
        {
            PropertyDeclarationSyntax property => property.Identifier.ValueText,
            MethodDeclarationSyntax method => method.Identifier.ValueText,
            LocalFunctionStatementSyntax local => local.Identifier.ValueText,
            AccessorDeclarationSyntax accessor => NameOfMember(accessor.Parent?.Parent),
            AccessorListSyntax accessors => NameOfMember(accessors.Parent),
            IndexerDeclarationSyntax _ => null,
            _ => null,
        };

        private static SyntaxNode? EnclosingMember(SyntaxNode node)
        {
            for (var current = node.Parent; current != null; current = current.Parent)
            {
                if (current is AnonymousFunctionExpressionSyntax)
                {
                    return null;
                }
                if (current is MemberDeclarationSyntax || current is AccessorDeclarationSyntax || current is LocalFunctionStatementSyntax)
                {
                    return current;
                }
            }
            return null;
        }

        private static string? NameOfTarget(ExpressionSyntax target) => target switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            ElementAccessExpressionSyntax element => LiteralKey(element.ArgumentList),
            ImplicitElementAccessSyntax implicitElement => LiteralKey(implicitElement.ArgumentList),
            _ => null,
        };

        /// <summary>settings["ApiKey"] = "...": the key names the value.</summary>
        private static string? LiteralKey(BracketedArgumentListSyntax arguments) =>
            arguments.Arguments.Count == 1 && arguments.Arguments[0].Expression is LiteralExpressionSyntax key
                && key.IsKind(SyntaxKind.StringLiteralExpression)
                ? key.Token.ValueText
                : null;

        private static string? SimpleName(SyntaxNode expression) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            GenericNameSyntax generic => generic.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            _ => null,
        };
    }
}
