using Cutter.Domain;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Utilities;

namespace Cutter.Governance.Signatures;

/// <summary>An unencrypted OpenSSH private key, parsed by BouncyCastle and signing in-process.</summary>
internal sealed class InProcessSigningKey : SshSigningKey
{
    private readonly AsymmetricKeyParameter _privateKey;
    private readonly string _input;

    private InProcessSigningKey(AsymmetricKeyParameter privateKey, SshPublicKey publicKey, string input) : base(publicKey)
    {
        _privateKey = privateKey;
        _input = input;
    }

    public override string Source => _input;

    public static InProcessSigningKey Create(OpenSshPrivateKeyFile file, string input)
    {
        AsymmetricKeyParameter parsed;
        try
        {
            parsed = OpenSshPrivateKeyUtilities.ParsePrivateKeyBlob(file.Content);
        }
        catch (Exception ex) when (CryptoFailure.IsInputError(ex))
        {
            throw new InvalidInputException(input, $"holds a {file.PublicKey.KeyType} private key that cannot be parsed");
        }
        if (!parsed.IsPrivate)
        {
            throw new InvalidInputException(input, "does not hold a private key");
        }
        return new InProcessSigningKey(parsed, file.PublicKey, input);
    }

    private protected override SshSignature SignCore(ReadOnlySpan<byte> message, string @namespace)
    {
        var signedData = SshSignedData.Build(message, @namespace, SshSignedData.Sha512);
        var blob = SshSignatureMath.Sign(_privateKey, PublicKey.KeyType, signedData);
        return new SshSignature(PublicKey, @namespace, SshSignedData.Sha512, blob);
    }
}
