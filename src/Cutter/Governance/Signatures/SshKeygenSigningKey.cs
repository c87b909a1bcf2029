using Cutter.Domain;
using Cutter.Infrastructure;

namespace Cutter.Governance.Signatures;

/// <summary>
/// Signs by running the real <c>ssh-keygen -Y sign</c> with the message on standard input and the armored signature
/// on standard output: for a passphrase-protected key file (the passphrase through <see cref="SshAskpass"/>), for a FIDO
/// key file (ssh-keygen drives the authenticator), or for a key held by ssh-agent (<c>-U</c>: the agent must hold it; ssh-keygen never falls back to a file or a prompt).
/// </summary>
internal sealed class SshKeygenSigningKey : SshSigningKey
{
    internal const string AgentSocketVariable = "SSH_AUTH_SOCK";
    private const string Tool = "ssh-keygen";

    /// <summary>Long enough for an agent that asks its user to confirm (ssh-add -c); short enough that nothing hangs.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private readonly string _keyPath;
    private readonly string? _passphrase;
    private readonly string? _agentSocket;
    private readonly string _input;

    private SshKeygenSigningKey(string keyPath, SshPublicKey publicKey, string? passphrase, string? agentSocket, string input) : base(publicKey)
    {
        _keyPath = keyPath;
        _passphrase = passphrase;
        _agentSocket = agentSocket;
        _input = input;
    }

    public override string Source => _input;

    /// <summary>A passphrase-protected key file; the passphrase is checked now (ssh-keygen -y), so a wrong one fails before anything is shown or signed.</summary>
    public static SshKeygenSigningKey WithPassphrase(string keyPath, SshPublicKey publicKey, string passphrase, string input)
    {
        var key = new SshKeygenSigningKey(keyPath, publicKey, passphrase, null, input);
        var derived = key.Run(["-y", "-f", keyPath], null, "read the public key");
        if (!SshPublicKey.ParseLine(derived).Equals(publicKey))
        {
            throw new InvalidInputException(input, "its public key does not match the key inside it");
        }
        return key;
    }

    /// <summary>An unencrypted FIDO key file (a handle to the key on the authenticator); signing needs the device and its touch.</summary>
    public static SshKeygenSigningKey ForSecurityKey(string keyPath, SshPublicKey publicKey, string input) =>
        new(keyPath, publicKey, null, null, input);

    public static SshKeygenSigningKey ThroughAgent(string keyPath, string? agentSocket)
    {
        var input = $"ssh-agent key '{keyPath}'";
        if (string.IsNullOrEmpty(agentSocket))
        {
            throw new InvalidInputException("ssh-agent", $"{AgentSocketVariable} is not set; start ssh-agent and add the key with ssh-add");
        }
        var publicKeyPath = keyPath.EndsWith(".pub", StringComparison.Ordinal) ? keyPath : keyPath + ".pub";
        if (!File.Exists(publicKeyPath))
        {
            throw new InvalidInputException(input, $"needs the public key file '{publicKeyPath}' to pick the agent's key");
        }
        SshPublicKey publicKey;
        try
        {
            publicKey = SshPublicKey.ParseLine(File.ReadAllText(publicKeyPath));
        }
        catch (FormatException ex)
        {
            throw new InvalidInputException($"public key file '{publicKeyPath}'", ex.Message);
        }
        return new SshKeygenSigningKey(publicKeyPath, publicKey, null, agentSocket, $"ssh-agent ({publicKey.Fingerprint})");
    }

    private protected override SshSignature SignCore(ReadOnlySpan<byte> message, string @namespace)
    {
        List<string> arguments = _agentSocket is null
            ? ["-Y", "sign", "-f", _keyPath, "-n", @namespace]
            : ["-Y", "sign", "-U", "-f", _keyPath, "-n", @namespace];
        var armored = Run(arguments, message.ToArray(), "sign");
        try
        {
            return SshSignature.ParseArmored(armored);
        }
        catch (FormatException ex)
        {
            throw new CutterException($"{Tool} signed with {_input} but its output cannot be read: {ex.Message}");
        }
    }

    private string Run(IReadOnlyList<string> arguments, byte[]? standardInput, string what)
    {
        using var askpass = _passphrase is null ? null : new SshAskpass();
        var environment = askpass?.Environment(_passphrase!) ?? new Dictionary<string, string?>
        {
            [AgentSocketVariable] = _agentSocket,
            ["SSH_ASKPASS_REQUIRE"] = "never",
        };
        using var input = new MemoryStream(standardInput ?? []);
        using var timeout = new CancellationTokenSource(Timeout);
        ProcessResult result;
        try
        {
            // Sign is synchronous for its callers (approval authoring); there is no synchronization context to deadlock on.
            result = ProcessRunner.RunAsync(Tool, arguments, environment, standardInput: input, cancellationToken: timeout.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            throw new InvalidInputException(_input, $"{Tool} did not finish within {Timeout.TotalSeconds:0} s; nothing was signed");
        }
        if (!result.Succeeded)
        {
            throw new InvalidInputException(_input, $"{Tool} could not {what}: {Explain(result.ErrorSummary)}");
        }
        return result.StandardOutput;
    }

    private string Explain(string error)
    {
        if (_passphrase is not null && error.Contains("passphrase", StringComparison.OrdinalIgnoreCase)) return "the passphrase is wrong";
        if (_agentSocket is not null && error.Contains("agent", StringComparison.OrdinalIgnoreCase))
        {
            return $"the agent at {AgentSocketVariable} does not hold this key or cannot be reached; add it with ssh-add ({error})";
        }
        return error;
    }
}
