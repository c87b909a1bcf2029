using Xunit;
using System.Text;
using Cutter.Infrastructure;

namespace Cutter.Tests.Governance.Signatures;

/// <summary>Drives the real ssh-keygen: throwaway keys, signing and verifying, for interop tests.</summary>
internal static class SshKeygen
{
    private const string Tool = "ssh-keygen";

    /// <summary>Generates an unencrypted key pair; returns the private key path (the public key is beside it, .pub).</summary>
    public static async Task<string> GenerateAsync(string directory, string name, string type, int? bits = null, string? passphrase = null)
    {
        var path = Path.Combine(directory, name);
        var args = new List<string> { "-q", "-t", type, "-N", passphrase ?? "", "-C", name, "-f", path };
        if (bits is { } b) { args.Add("-b"); args.Add(b.ToString(System.Globalization.CultureInfo.InvariantCulture)); }
        var result = await ProcessRunner.RunAsync(Tool, args);
        Assert.True(result.Succeeded, result.StandardError);
        return path;
    }

    public static string PublicKeyLine(string privateKeyPath)
    {
        var fields = File.ReadAllText(privateKeyPath + ".pub").Trim().Split(' ');
        return $"{fields[0]} {fields[1]}";
    }

    /// <summary>Signs a file; ssh-keygen writes <c>file.sig</c>. Returns the armored signature.</summary>
    public static async Task<string> SignAsync(string privateKeyPath, string @namespace, string file)
    {
        var result = await ProcessRunner.RunAsync(Tool, ["-Y", "sign", "-f", privateKeyPath, "-n", @namespace, file]);
        Assert.True(result.Succeeded, result.StandardError);
        return await File.ReadAllTextAsync(file + ".sig");
    }

    /// <summary><c>ssh-keygen -Y verify -f allowed_signers -I signer -n ns -s sig &lt; file</c>.</summary>
    public static async Task<ProcessResult> VerifyAsync(string allowedSignersFile, string signer, string @namespace, string signatureFile, byte[] message)
    {
        using var input = new MemoryStream(message);
        return await ProcessRunner.RunAsync(Tool, ["-Y", "verify", "-f", allowedSignersFile, "-I", signer, "-n", @namespace, "-s", signatureFile], standardInput: input);
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
