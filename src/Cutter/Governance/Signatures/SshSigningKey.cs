using Cutter.Domain;

namespace Cutter.Governance.Signatures;

/// <summary>
/// A key that makes SSHSIG signatures, wherever its private half lives: an unencrypted OpenSSH key file (signed
/// in-process), a passphrase-protected one, or a key held by ssh-agent (both signed by the real
/// <c>ssh-keygen -Y sign</c>, since decrypting OpenSSH keys needs bcrypt_pbkdf, which BouncyCastle does not offer).
/// Every signature is checked against <see cref="PublicKey"/> before it is returned, so a wrong key or a tool
/// misbehaving is caught here and not at the gate.
/// </summary>
internal abstract class SshSigningKey
{
    private protected SshSigningKey(SshPublicKey publicKey) => PublicKey = publicKey;

    public SshPublicKey PublicKey { get; }

    /// <summary>Where the private key lives, for messages (e.g. "private key file '…'", "ssh-agent").</summary>
    public abstract string Source { get; }

    /// <summary>
    /// Loads an OpenSSH private key file (Ed25519, ECDSA P-256/384/521, RSA, or a FIDO sk- key handle, which
    /// ssh-keygen signs with through the authenticator). A passphrase-protected key asks
    /// <paramref name="passphrase"/> (only then); without one it is refused. Throws <see cref="InvalidInputException"/>
    /// naming the file and what is wrong with it.
    /// </summary>
    public static SshSigningKey Load(string path, Func<string>? passphrase = null)
    {
        var input = $"private key file '{path}'";
        var file = OpenSshPrivateKeyFile.Read(path, input);
        // A FIDO key file only references the key on the authenticator: ssh-keygen talks to the hardware (and asks for the touch).
        if (!file.IsEncrypted && file.PublicKey.Application is not null) return SshKeygenSigningKey.ForSecurityKey(path, file.PublicKey, input);
        if (!file.IsEncrypted) return InProcessSigningKey.Create(file, input);
        if (passphrase is null)
        {
            throw new InvalidInputException(input, $"is passphrase-protected ({file.CipherName}) and no passphrase was given; give a passphrase file, enter it on a terminal, or load the key into ssh-agent");
        }
        return SshKeygenSigningKey.WithPassphrase(path, file.PublicKey, passphrase(), input);
    }

    /// <summary>
    /// The key held by the ssh-agent at <paramref name="agentSocket"/> (default: <c>SSH_AUTH_SOCK</c>) whose public key is
    /// <paramref name="keyPath"/> (a .pub file, or a private key file with its .pub beside it). The private key never leaves the agent.
    /// </summary>
    public static SshSigningKey FromAgent(string keyPath, string? agentSocket = null) =>
        SshKeygenSigningKey.ThroughAgent(keyPath, agentSocket ?? Environment.GetEnvironmentVariable(SshKeygenSigningKey.AgentSocketVariable));

    /// <summary>Signs <paramref name="message"/> under <paramref name="namespace"/> with a sha512 message hash, as ssh-keygen does by default.</summary>
    public SshSignature Sign(ReadOnlySpan<byte> message, string @namespace)
    {
        if (string.IsNullOrEmpty(@namespace)) throw new InvalidInputException("signature namespace", "must not be empty");
        var signature = SignCore(message, @namespace);
        if (!signature.PublicKey.Equals(PublicKey) || signature.Namespace != @namespace || !signature.Verifies(message))
        {
            throw new CutterException($"the signature made with {Source} does not verify with key {PublicKey.Fingerprint}; nothing was signed");
        }
        return signature;
    }

    private protected abstract SshSignature SignCore(ReadOnlySpan<byte> message, string @namespace);
}
