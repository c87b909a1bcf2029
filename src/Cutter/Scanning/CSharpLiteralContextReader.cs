using System.Text.RegularExpressions;
using Cutter.Analyzers.Detection;

namespace Cutter.Scanning;

/// <summary>
/// The lexical twin of the analyzer's syntax-based context reader: looks at the code just before a literal on its
/// statement and recognises the same bindings (declaration, assignment, named argument, dictionary key, initializer)
/// and usages (configuration read, message, regex, attribute). Without a semantic model a positional argument
/// gets no parameter name, so a value the analyzer flags only through its parameter's name is not seen here.
/// </summary>
internal static partial class CSharpLiteralContextReader
{
    public static LiteralContext Read(string source, int literalOffset)
    {
        var before = StatementPrefix(source, literalOffset);

        if (NameofCall().IsMatch(before) || ElementKey().IsMatch(before))
        {
            return new LiteralContext(null, LiteralUsage.ConfigurationKey);
        }
        var attribute = AttributeCall().Match(before);
        if (attribute.Success)
        {
            var name = attribute.Groups["callee"].Value;
            var simple = name[(name.LastIndexOf('.') + 1)..];
            return new LiteralContext(null, CalleeUsage.IsRegex(simple) ? LiteralUsage.RegexPattern : LiteralUsage.AttributeArgument);
        }
        var call = OpenCall().Match(before);
        if (call.Success)
        {
            var usage = CalleeUsage.Of(call.Groups["callee"].Value);
            if (usage != LiteralUsage.Value)
            {
                return new LiteralContext(null, usage);
            }
            var keyedAdd = KeyedAdd().Match(before);
            if (keyedAdd.Success && CalleeUsage.IsKeyedAdd(keyedAdd.Groups["callee"].Value))
            {
                return Bound(keyedAdd.Groups["key"].Value);
            }
        }
        foreach (var binding in new[] { NamedArgument(), IndexerAssignment(), KeyValueInitializer(), PropertyInitializer(), Assignment(), ExpressionBody() })
        {
            var match = binding.Match(before);
            if (match.Success)
            {
                return Bound(match.Groups["name"].Value);
            }
        }
        return new LiteralContext(null, LiteralUsage.Value);
    }

    /// <summary>
    /// The parameter a positional argument binds to, when the called method is declared in the same source: the
    /// lexical stand-in for the analyzer's semantic model. Null when the literal is not a positional argument.
    /// </summary>
    public static string? ParameterNameOf(string source, int literalOffset, IReadOnlyDictionary<string, string[]> declaredParameters)
    {
        var call = OpenCall().Match(StatementPrefix(source, literalOffset));
        if (!call.Success || !declaredParameters.TryGetValue(call.Groups["callee"].Value, out var parameters) || parameters.Length == 0)
        {
            return null;
        }
        var index = call.Groups["before"].Value.Count(c => c == ',');
        return parameters[Math.Min(index, parameters.Length - 1)];
    }

    /// <summary>Parameter names of the methods declared in <paramref name="source"/>, by method name (first declaration wins).</summary>
    public static IReadOnlyDictionary<string, string[]> DeclaredParameters(string source)
    {
        var declared = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (Match declaration in MethodDeclaration().Matches(source))
        {
            var names = declaration.Groups["parameters"].Value
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(parameter => parameter.Split('=')[0].Trim())
                .Select(parameter => parameter[(parameter.LastIndexOfAny([' ', '\t', ']', '>', '?']) + 1)..])
                .ToArray();
            declared.TryAdd(declaration.Groups["name"].Value, names);
        }
        return declared;
    }

    private static LiteralContext Bound(string name) => new(name, LiteralUsage.Value);

    /// <summary>The code between the previous statement or block boundary and the literal, on at most a few lines.</summary>
    private static string StatementPrefix(string source, int offset)
    {
        var start = offset;
        var lines = 0;
        while (start > 0)
        {
            var c = source[start - 1];
            // A statement or block ends at ';' or '}'; '{' is kept so "{ \"key\", " initializers stay readable.
            // "Name { get; set; } = " is a property initializer: step over its accessor block.
            if (c == '}' && source.AsSpan(start, offset - start).Trim().SequenceEqual("="))
            {
                var open = source.LastIndexOf('{', start - 1);
                if (open > 0)
                {
                    start = open;
                    continue;
                }
            }
            if (c == ';' || c == '}')
            {
                break;
            }
            if (c == '\n' && ++lines > 2)
            {
                break;
            }
            start--;
        }
        return source[start..offset].Replace('\n', ' ').Replace('\r', ' ');
    }

    [GeneratedRegex(@"\b(?:void|string|bool|int|long|Task|ValueTask|[A-Z]\w*(?:<[^<>()]*>)?\??)\s+(?<name>\w+)\s*\((?<parameters>[^()]*)\)\s*(?:\{|=>|;)")]
    private static partial Regex MethodDeclaration();

    [GeneratedRegex(@"\bnameof\s*\(\s*$")]
    private static partial Regex NameofCall();

    [GeneratedRegex(@"[\w\)\]]\s*\??\[\s*$")]
    private static partial Regex ElementKey();

    [GeneratedRegex(@"\[\s*(?:\w+\s*:\s*)?(?<callee>[\w.]+)\s*\((?:[^()""]*""[^""]*""\s*,)*\s*$")]
    private static partial Regex AttributeCall();

    [GeneratedRegex(@"(?<callee>\w+)\s*(?:<[^<>()]*>)?\s*\((?<before>[^()]*,)?\s*$")]
    private static partial Regex OpenCall();

    [GeneratedRegex(@"(?<callee>\w+)\s*\(\s*""(?<key>[^""]*)""\s*,\s*$")]
    private static partial Regex KeyedAdd();

    [GeneratedRegex(@"[(,]\s*(?<name>\w+)\s*:\s*$")]
    private static partial Regex NamedArgument();

    [GeneratedRegex(@"\[\s*""(?<name>[^""]+)""\s*\]\s*=\s*$")]
    private static partial Regex IndexerAssignment();

    [GeneratedRegex(@"\{\s*""(?<name>[^""]+)""\s*,\s*$")]
    private static partial Regex KeyValueInitializer();

    [GeneratedRegex(@"(?<name>\w+)\s*\{[^{}]*\}\s*=\s*$")]
    private static partial Regex PropertyInitializer();

    [GeneratedRegex(@"(?<name>\w+)\s*(?:\?\?)?=\s*(?:[^=;]*\?\?\s*)?$")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"(?<name>\w+)\s*(?:\([^()]*\))?\s*=>\s*$")]
    private static partial Regex ExpressionBody();
}
