using Cutter.Governance.Signatures;
using Cutter.Tests.Governance.Signatures;
using Xunit;

namespace Cutter.Tests.Governance.Approvals;

/// <summary>Throwaway ssh-keygen keys shared by a test class: a trusted approver and a stranger not in allowed_signers.</summary>
public sealed class ApprovalKeys : IAsyncLifetime
{
    public const string Approver = "approver@example.org";
    private readonly TempDirectory _dir = new();

    public string ApproverKeyPath { get; private set; } = "";
    public string StrangerKeyPath { get; private set; } = "";
    internal SshSigningKey ApproverKey { get; private set; } = null!;
    internal SshSigningKey StrangerKey { get; private set; } = null!;
    internal AllowedSigners AllowedSigners { get; private set; } = null!;
    public string AllowedSignersFile => _dir.File("allowed_signers");
    public string Directory => _dir.Path;

    public async Task InitializeAsync()
    {
        ApproverKeyPath = await SshKeygen.GenerateAsync(_dir.Path, "approver", "ed25519");
        StrangerKeyPath = await SshKeygen.GenerateAsync(_dir.Path, "stranger", "ed25519");
        ApproverKey = SshSigningKey.Load(ApproverKeyPath);
        StrangerKey = SshSigningKey.Load(StrangerKeyPath);
        await File.WriteAllTextAsync(AllowedSignersFile, $"# trusted approvers\n{Approver} namespaces=\"cutter-approval\" {SshKeygen.PublicKeyLine(ApproverKeyPath)}\n");
        AllowedSigners = AllowedSigners.Load(AllowedSignersFile);
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }
}
