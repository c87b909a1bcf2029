using System.Globalization;
using System.Text.RegularExpressions;
using Cutter.Domain;

namespace Cutter.Configuration;

/// <summary>
/// A secrets file of <c>KEY=VALUE</c> lines (blank lines and <c>#</c> comments skipped, an optional <c>export </c>
/// prefix, a value optionally wrapped in matching single or double quotes). Refused when its mode lets the group or
/// others read or write it: secrets must not leak to other accounts. Errors name the file and line, never a value.
/// </summary>
internal static partial class EnvFile
{
    /// <summary>Permission bits that must be clear: read or write for group or others.</summary>
    public const UnixFileMode OpenToOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        if (!File.Exists(path)) throw new InvalidInputException(path, "env file does not exist");
        if (!OperatingSystem.IsWindows())
        {
            // Windows has ACLs, not mode bits; there the operator secures the file with the platform's tools.
            var mode = File.GetUnixFileMode(path);
            if ((mode & OpenToOthers) != 0)
            {
                throw new InvalidInputException(path, $"env file mode {Octal(mode)} lets group or others read or write it; refused (run chmod 600 {path})");
            }
        }
        return Parse(File.ReadAllText(path), path);
    }

    public static IReadOnlyDictionary<string, string> Parse(string text, string source)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var match = Pair().Match(line);
            if (!match.Success)
            {
                // The line may hold a secret, so the error names where it is, not what it says.
                throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture, $"{source} line {index + 1}"), "is not KEY=VALUE");
            }
            values[match.Groups["key"].Value] = Unquote(match.Groups["value"].Value.Trim());
        }
        return values;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');

    [GeneratedRegex(@"^(?:export\s+)?(?<key>[A-Za-z_][A-Za-z0-9_]*)\s*=(?<value>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pair();
}
