using Cutter.Domain;
using Cutter.Domain.Hashing;
using Cutter.Governance.Approvals;
using Cutter.Governance.Signatures;
using Cutter.Knowledge;
using Cutter.Tests.Governance;
using Cutter.Tests.Governance.Signatures;
using Cutter.Tests.Support;
using Xunit;

namespace Cutter.Tests.Cli;

/// <summary>
/// `cutter approve` through the real process with the keys approvers already have: an RSA key, a passphrase-protected
/// key (--passphrase-file) and a key in ssh-agent (--agent). Each written approval verifies with ssh-keygen and with Cutter.
/// </summary>
public sealed class ApproveCommandSigningTests : IDisposable
{
    private const string Signer = "alice@example.org";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<(FolderKnowledgeBase Kb, KbDocId Request)> RequestAsync()
    {
        var kb = new FolderKnowledgeBase(Directory.CreateDirectory(_dir.File("kb")).FullName);
        var request = ApprovalRequest.ForCut(RunId.New(), VersionedHash.Of(HashForms.Payload, "payload"), 3, DocumentCode.Parse("ICX-CONST"), "Cut 3 units.\n");
        return (kb, await kb.CreateAsync(request.ToBytes(), "request"));
    }

    private async Task<ProcessResultAssertions> ApproveAsync(Dictionary<string, string?> environment, params string[] keyArguments)
    {
        var (kb, request) = await RequestAsync();
        var result = await CutterProcess.RunAsync(environment, _dir.Path,
            ["approve", "--request", request.Value, "--signer", Signer, "--kb-root", kb.Root, "--yes", .. keyArguments]);
        return new ProcessResultAssertions(kb, result);
    }

    private sealed record ProcessResultAssertions(FolderKnowledgeBase Kb, Cutter.Infrastructure.ProcessResult Result);

    private async Task AssertApprovalVerifiesEverywhere(ProcessResultAssertions run, string publicKeyLine)
    {
        Assert.True(run.Result.ExitCode == 0, run.Result.StandardError);
        var approvalId = KbDocId.Parse(run.Result.StandardOutput.Split("wrote ")[1].Split(' ')[0]);
        var approval = await run.Kb.GetAsync(approvalId);
        var allowed = _dir.File("allowed_signers");
        File.WriteAllText(allowed, $"{Signer} {publicKeyLine}\n");
        var sigFile = _dir.File("approval.sig");
        File.WriteAllText(sigFile, approval.Signature);

        var sshKeygen = await SshKeygen.VerifyAsync(allowed, Signer, ApprovalFields.SignatureNamespace, sigFile, approval.Raw);

        Assert.True(sshKeygen.Succeeded, sshKeygen.StandardError);
        Assert.Equal(publicKeyLine, SshSignatureVerifier.Verify(approval.Raw, approval.Signature!, ApprovalFields.SignatureNamespace, AllowedSigners.Load(allowed), Signer).Key.ToString());
    }

    [Fact]
    public async Task Approve_signs_with_an_rsa_key()
    {
        var key = await SshKeygen.GenerateAsync(_dir.Path, "rsa", "rsa", 2048);

        var run = await ApproveAsync([], "--key", key);

        await AssertApprovalVerifiesEverywhere(run, SshKeygen.PublicKeyLine(key));
    }

    [Fact]
    public async Task Approve_signs_with_a_passphrase_key_and_a_passphrase_file()
    {
        var passphrase = Guid.NewGuid().ToString("N");
        var key = await SshKeygen.GenerateAsync(_dir.Path, "locked", "ed25519", passphrase: passphrase);
        var passphraseFile = _dir.File("passphrase");
        File.WriteAllText(passphraseFile, passphrase + "\n");

        var run = await ApproveAsync([], "--key", key, "--passphrase-file", passphraseFile);

        Assert.DoesNotContain(passphrase, run.Result.StandardOutput + run.Result.StandardError, StringComparison.Ordinal);
        await AssertApprovalVerifiesEverywhere(run, SshKeygen.PublicKeyLine(key));
    }

    [Fact]
    public async Task Approve_refuses_a_passphrase_key_without_a_passphrase_when_stdin_is_not_a_terminal()
    {
        var key = await SshKeygen.GenerateAsync(_dir.Path, "locked", "ed25519", passphrase: Guid.NewGuid().ToString("N"));

        var run = await ApproveAsync([], "--key", key);

        Assert.Equal(2, run.Result.ExitCode);
        Assert.Contains("is passphrase-protected (aes256-ctr) and no passphrase was given", run.Result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Result.StandardError, StringComparison.Ordinal);
        Assert.Single(await run.Kb.ListAsync()); // only the request: no approval was written
    }

    [Fact]
    public async Task Approve_signs_through_ssh_agent()
    {
        var key = await SshKeygen.GenerateAsync(_dir.Path, "agentkey", "ecdsa", 256);
        using var agent = await SshAgent.StartAsync(_dir.Path);
        await agent.AddAsync(key);
        File.Delete(key);

        var run = await ApproveAsync(new Dictionary<string, string?> { ["SSH_AUTH_SOCK"] = agent.Socket }, "--key", key + ".pub", "--agent");

        await AssertApprovalVerifiesEverywhere(run, SshKeygen.PublicKeyLine(key));
    }
}
