using Cutter.Governance.Signatures;
using Xunit;

namespace Cutter.Tests.Governance.Signatures;

/// <summary>
/// Who may sign, decided by Cutter and by the real <c>ssh-keygen -Y verify -I principal</c> on the same allowed_signers
/// text and signature: negated patterns, wildcards, one key on several lines and for several principals, namespaces.
/// </summary>
public sealed class AllowedSignersMatchingTests : IDisposable
{
    private const string Namespace = "cutter-approval";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>{A} is the signing key's line, {B} another key's; the expected verdict is ssh-keygen's, asserted below too.</summary>
    public static TheoryData<string, string, bool> Cases => new()
    {
        { "alice,!bob {A}", "alice", true },
        { "alice,!bob {A}", "bob", false },
        { "*,!mallory* {A}", "carol", true },
        { "*,!mallory* {A}", "mallory2", false },
        { "!bob,bob {A}", "bob", false },
        { "!bob {A}", "alice", false },
        { "alice,bob {A}", "bob", true },
        { "alice {A}\nbob {A}", "bob", true },
        { "alice,!bob {A}\nbob {A}", "bob", true },
        { "alice {B}\nbob {A}", "alice", false },
        { "a?ice {A}", "alice", true },
        { "a?ice {A}", "aalice", false },
        { "alice namespaces=\"*,!cutter-approval\" {A}", "alice", false },
        { "alice namespaces=\"git,cutter-*\" {A}", "alice", true },
        { "alice namespaces=\"git\" {A}\nalice {A}", "alice", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Cutter_decides_as_ssh_keygen_verify(string template, string principal, bool expected)
    {
        var signing = await SshKeygen.GenerateAsync(_dir.Path, "a", "ed25519");
        var other = await SshKeygen.GenerateAsync(_dir.Path, "b", "ed25519");
        var text = template.Replace("{A}", SshKeygen.PublicKeyLine(signing), StringComparison.Ordinal)
            .Replace("{B}", SshKeygen.PublicKeyLine(other), StringComparison.Ordinal) + "\n";
        var allowedFile = _dir.File("allowed_signers");
        File.WriteAllText(allowedFile, text);
        var file = _dir.File("m");
        File.WriteAllText(file, "kind: approval\n");
        var armored = await SshKeygen.SignAsync(signing, Namespace, file);
        var message = File.ReadAllBytes(file);

        var sshKeygen = (await SshKeygen.VerifyAsync(allowedFile, principal, Namespace, file + ".sig", message)).Succeeded;
        bool cutter;
        try
        {
            SshSignatureVerifier.Verify(message, armored, Namespace, AllowedSigners.Parse(text), principal);
            cutter = true;
        }
        catch (SignatureVerificationException ex) when (ex.Failure == SignatureFailure.UnknownKey)
        {
            cutter = false;
        }

        Assert.Equal(expected, sshKeygen);
        Assert.Equal(expected, cutter);
    }
}
