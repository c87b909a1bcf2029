using System.Text;
using Cutter.Domain;

namespace Cutter.Governance.Signatures;

/// <summary>
/// An ssh allowed_signers file (ssh-keygen(1), "ALLOWED SIGNERS"): one key per line as
/// <c>principals [options] keytype base64-key [comment]</c>; blank lines and <c>#</c> comments are ignored.
/// Of the options only <c>namespaces="..."</c> is supported; <c>cert-authority</c>, <c>valid-after</c> and
/// <c>valid-before</c> are refused rather than ignored, because ignoring them would trust more than the file says.
/// </summary>
internal sealed class AllowedSigners
{
    private const string NamespacesOption = "namespaces=";

    private AllowedSigners(IReadOnlyList<AllowedSigner> entries) => Entries = entries;

    public IReadOnlyList<AllowedSigner> Entries { get; }

    /// <summary>An allowed_signers file is a few lines per signer; anything near this size is not one.</summary>
    private const long MaxFileBytes = 4 * 1024 * 1024;

    public static AllowedSigners Load(string path)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"allowed_signers file '{path}'", "does not exist");
        // Only a regular file: a FIFO named here would block the verifier until someone wrote to it.
        var source = $"allowed_signers file '{path}'";
        return Parse(new System.Text.UTF8Encoding(false, true).GetString(Knowledge.DocumentFile.ReadAllBytes(path, MaxFileBytes, source)), path);
    }

    /// <summary>Parses the file's text; <paramref name="source"/> names it in errors.</summary>
    public static AllowedSigners Parse(string text, string source = "allowed_signers")
    {
        var entries = new List<AllowedSigner>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            entries.Add(ParseLine(line, i + 1, source));
        }
        return new AllowedSigners(entries);
    }

    /// <summary>The entries that hold <paramref name="key"/> and allow <paramref name="namespace"/>.</summary>
    public IReadOnlyList<AllowedSigner> FindByKey(SshPublicKey key, string @namespace) =>
        Entries.Where(e => e.Key.Equals(key) && e.AllowsNamespace(@namespace)).ToArray();

    /// <summary>
    /// The first line that lists <paramref name="key"/> for <paramref name="principal"/> in <paramref name="namespace"/>,
    /// as <c>ssh-keygen -Y verify -I principal</c> looks it up: a key may be listed on several lines for several principals,
    /// and a <c>!pattern</c> on one line excludes the principal from that line only.
    /// </summary>
    public AllowedSigner? FindForPrincipal(SshPublicKey key, string @namespace, string principal) =>
        Entries.FirstOrDefault(e => e.Key.Equals(key) && e.AllowsNamespace(@namespace) && e.MatchesPrincipal(principal));

    private static AllowedSigner ParseLine(string line, int lineNumber, string source)
    {
        var input = $"{source} line {lineNumber}";
        var fields = Tokenize(line);
        if (fields.Count < 3) throw new InvalidInputException(input, "expected 'principals [options] keytype base64-key'");

        var principals = fields[0].Trim('"').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (principals.Length == 0) throw new InvalidInputException(input, "names no principal");

        var keyIndex = 1;
        IReadOnlyList<string>? namespaces = null;
        if (!IsKeyType(fields[1]) && !LooksLikeOptions(fields[1]))
        {
            throw new InvalidInputException(input, $"key type '{fields[1]}' is not supported (supported: {string.Join(", ", SshKeyTypes.Supported)})");
        }
        if (!IsKeyType(fields[1]))
        {
            namespaces = ParseOptions(fields[1], input);
            keyIndex = 2;
        }
        if (fields.Count < keyIndex + 2) throw new InvalidInputException(input, "is missing the key type or the key");
        if (!IsKeyType(fields[keyIndex]))
        {
            throw new InvalidInputException(input, $"key type '{fields[keyIndex]}' is not supported (supported: {string.Join(", ", SshKeyTypes.Supported)})");
        }

        SshPublicKey key;
        try
        {
            key = SshPublicKey.Parse(fields[keyIndex], fields[keyIndex + 1]);
        }
        catch (FormatException ex)
        {
            throw new InvalidInputException(input, ex.Message);
        }
        return new AllowedSigner(principals, namespaces, key, lineNumber);
    }

    /// <summary>Options are <c>name="value"</c> pairs or known flags; anything else in that place is a key type Cutter does not know.</summary>
    private static bool LooksLikeOptions(string field) =>
        field.Contains('=', StringComparison.Ordinal) || field.Split(',').Any(o => o is "cert-authority" or "no-touch-required");

    private static bool IsKeyType(string field) => SshKeyTypes.Supported.Contains(field, StringComparer.Ordinal);

    private static IReadOnlyList<string> ParseOptions(string field, string input)
    {
        List<string>? namespaces = null;
        foreach (var option in SplitOutsideQuotes(field, ','))
        {
            if (option.StartsWith(NamespacesOption, StringComparison.OrdinalIgnoreCase))
            {
                var value = option[NamespacesOption.Length..];
                if (value.Length < 2 || value[0] != '"' || value[^1] != '"') throw new InvalidInputException(input, "namespaces= needs a quoted list, e.g. namespaces=\"cutter-approval\"");
                namespaces ??= new List<string>();
                namespaces.AddRange(value[1..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
            else
            {
                throw new InvalidInputException(input, $"option '{option}' is not supported by Cutter (only namespaces=\"...\"); remove it or sign elsewhere");
            }
        }
        return namespaces ?? throw new InvalidInputException(input, $"'{field}' is neither a supported key type nor an option list");
    }

    /// <summary>Splits on whitespace, keeping double-quoted runs (which may hold spaces) inside one field.</summary>
    private static List<string> Tokenize(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            if (!quoted && char.IsWhiteSpace(c))
            {
                if (current.Length > 0) { fields.Add(current.ToString()); current.Clear(); }
                continue;
            }
            current.Append(c);
        }
        if (current.Length > 0) fields.Add(current.ToString());
        return fields;
    }

    private static IEnumerable<string> SplitOutsideQuotes(string text, char separator)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"') quoted = !quoted;
            else if (text[i] == separator && !quoted)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        yield return text[start..];
    }
}
