using System.Text;
using Cutter.Domain;

namespace Cutter.Cli.Commands;

/// <summary>Where `cutter approve` gets a key's passphrase: a file (for scripts) or the terminal, never echoed and never an argument.</summary>
internal static class PassphraseInput
{
    /// <summary>The file's first line, without its line ending (as ssh-keygen's askpass reads it).</summary>
    public static string ReadFile(string path)
    {
        var input = $"passphrase file '{path}'";
        if (!File.Exists(path)) throw new InvalidInputException(input, "does not exist or is not a regular file");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException(input, "cannot be read (check its permissions)");
        }
        var end = text.IndexOfAny(['\r', '\n']);
        var passphrase = end < 0 ? text : text[..end];
        if (passphrase.Length == 0) throw new InvalidInputException(input, "is empty; its first line must be the passphrase");
        return passphrase;
    }

    /// <summary>A prompt on the terminal, or null (so a protected key is refused with its reason) when stdin is not a terminal.</summary>
    public static Func<string>? PromptOrNull(string keyPath) => Console.IsInputRedirected ? null : () => Prompt(keyPath);

    private static string Prompt(string keyPath)
    {
        Console.Error.Write($"Passphrase for {keyPath}: ");
        var passphrase = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (passphrase.Length > 0) passphrase.Length--; continue; }
            if (!char.IsControl(key.KeyChar)) passphrase.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return passphrase.ToString();
    }
}
