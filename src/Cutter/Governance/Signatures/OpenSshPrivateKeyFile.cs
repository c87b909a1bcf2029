using Cutter.Domain;
using Org.BouncyCastle.Utilities.IO.Pem;

namespace Cutter.Governance.Signatures;

/// <summary>
/// An OpenSSH private key file (PROTOCOL.key, "openssh-key-v1"), read only as far as its clear header: which cipher
/// protects it and the public key, which OpenSSH stores unencrypted. The private part stays as the PEM content for
/// BouncyCastle (unencrypted keys) or for ssh-keygen (passphrase-protected keys).
/// </summary>
internal sealed class OpenSshPrivateKeyFile
{
    private const string PemType = "OPENSSH PRIVATE KEY";
    private const string NoCipher = "none";
    private static ReadOnlySpan<byte> Magic => "openssh-key-v1\0"u8;

    private OpenSshPrivateKeyFile(string cipherName, SshPublicKey publicKey, byte[] content)
    {
        CipherName = cipherName;
        PublicKey = publicKey;
        Content = content;
    }

    /// <summary><c>none</c> for an unencrypted key, else e.g. <c>aes256-ctr</c> (ssh-keygen's default with a passphrase).</summary>
    public string CipherName { get; }

    public bool IsEncrypted => CipherName != NoCipher;

    public SshPublicKey PublicKey { get; }

    /// <summary>The decoded PEM body (the whole openssh-key-v1 blob).</summary>
    public byte[] Content { get; }

    /// <summary>Reads the file; throws <see cref="InvalidInputException"/> naming <paramref name="input"/> and what is wrong.</summary>
    public static OpenSshPrivateKeyFile Read(string path, string input)
    {
        if (!File.Exists(path)) throw new InvalidInputException(input, "does not exist");

        PemObject? pem;
        try
        {
            // Only a regular file: a FIFO named as the key would block the signer until someone wrote to it.
            using var reader = new StreamReader(Knowledge.DocumentFile.OpenRegular(path, input));
            pem = new PemReader(reader).ReadPemObject();
        }
        catch (Exception ex) when (CryptoFailure.IsInputError(ex))
        {
            throw new InvalidInputException(input, "cannot be read as PEM text");
        }
        if (pem is null || pem.Type != PemType)
        {
            throw new InvalidInputException(input, $"is not an OpenSSH private key (expected '-----BEGIN {PemType}-----')");
        }

        try
        {
            var reader = new SshWireReader(pem.Content);
            if (!reader.ReadFixed(Magic.Length).SequenceEqual(Magic)) throw new FormatException("it does not start with openssh-key-v1");
            var cipher = reader.ReadAscii();
            reader.ReadString(); // kdf name: implied by the cipher for OpenSSH's own files
            reader.ReadString(); // kdf options
            var keyCount = reader.ReadUInt32();
            if (keyCount != 1) throw new FormatException($"it holds {keyCount} keys; Cutter reads files with exactly one");
            var publicKey = SshPublicKey.FromBlob(reader.ReadString());
            return new OpenSshPrivateKeyFile(cipher, publicKey, pem.Content);
        }
        catch (FormatException ex)
        {
            throw new InvalidInputException(input, $"is not a readable OpenSSH private key: {ex.Message}");
        }
    }
}
