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

    [GeneratedRegex(@"\bnameof\s*\(\s*$")]
    private static partial Regex NameofCall();

    [GeneratedRegex(@"[\w\)\]]\s*\??\[\s*$")]
    private static partial Regex ElementKey();

    [GeneratedRegex(@"\[\s*(?:\w+\s*:\s*)?(?<callee>[\w.]+)\s*\((?:[^()""]*""[^""]*""\s*,)*\s*$")]
    private static partial Regex AttributeCall();

    [GeneratedRegex(@"(?<callee>\w+)\s*(?:<[^<>()]*>)?\s*\((?:[^()]*,)?\s*$")]
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
