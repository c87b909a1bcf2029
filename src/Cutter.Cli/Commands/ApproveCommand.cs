using System.CommandLine;
using Cutter.Cli.Output;
using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Governance.Signatures;
using Cutter.Knowledge;

namespace Cutter.Cli.Commands;

/// <summary>
/// `cutter approve`: shows a gate (or ruling) request, asks for explicit confirmation, and writes the signed
/// approval into the KB. Without a terminal and without --yes it refuses rather than wait for an answer nobody can give.
/// </summary>
internal sealed class ApproveCommand : Command
{
    private const string ConfirmWord = "approve";

    private readonly Option<string> _request = new("--request") { Description = "The request doc to answer (KB-<digits>)", Required = true };
    private readonly Option<FileInfo> _key = new("--key") { Description = "OpenSSH private key to sign with (Ed25519, ECDSA or RSA); with --agent, its public key (.pub)", Required = true };
    private readonly Option<FileInfo> _passphraseFile = new("--passphrase-file") { Description = "File whose first line is the key's passphrase (for scripts); without it a protected key's passphrase is asked on the terminal" };
    private readonly Option<bool> _agent = new("--agent") { Description = "Sign with the key held by ssh-agent (SSH_AUTH_SOCK); the private key never leaves the agent" };
    private readonly Option<string> _signer = new("--signer") { Description = "Your principal name as listed in allowed_signers", Required = true };
    private readonly Option<DirectoryInfo> _kbRoot = new("--kb-root") { Description = "Root folder of the knowledge base (default: orchestrator.kb_root from the configuration)" };
    private readonly Option<string?> _config = CommonOptions.Config();
    private readonly Option<string> _rationale = new("--rationale") { Description = "Why you approve; stored as the approval's text" };
    private readonly Option<bool> _yes = new("--yes") { Description = "Approve without asking (for scripts); required when stdin is not a terminal" };

    public ApproveCommand() : base("approve", "Sign a gate approval or execution ruling for a request doc and write it to the KB")
    {
        Options.Add(_request);
        Options.Add(_key);
        Options.Add(_passphraseFile);
        Options.Add(_agent);
        Options.Add(_signer);
        Options.Add(_kbRoot);
        Options.Add(_config);
        Options.Add(_rationale);
        Options.Add(_yes);
        SetAction((parse, ct) => RunAsync(parse, ct));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        var requestId = KbDocId.Parse(parse.GetValue(_request));
        var signer = parse.GetValue(_signer)!;
        var key = OpenKey(parse);
        var kb = OpenKnowledgeBase(parse.GetValue(_kbRoot)?.FullName, parse.GetValue(_config));

        var requestDoc = await kb.GetAsync(requestId, ct);
        var request = ApprovalRequest.Parse(requestDoc.Raw, requestId.Value);
        // With --json, stdout carries only the result; the request is still shown to whoever watches stderr.
        var human = JsonOutput.HumanOutput(parse);
        Show(requestId, request, signer, key, human);

        if (!parse.GetValue(_yes))
        {
            if (Console.IsInputRedirected)
            {
                throw new InvalidInputException("confirmation", "stdin is not a terminal, so nobody can confirm; nothing was written. Re-run with --yes to approve non-interactively");
            }
            human.Write($"Type '{ConfirmWord}' to sign this as {signer}: ");
            var answer = Console.ReadLine();
            if (!string.Equals(answer?.Trim(), ConfirmWord, StringComparison.Ordinal))
            {
                CliRunner.Report(parse, new CliError(ExitCodes.Failure, "not approved; nothing was written"));
                return ExitCodes.Failure;
            }
        }

        var rationale = parse.GetValue(_rationale) ?? $"Approved with cutter approve by {signer}.";
        var approvalId = await new ApprovalAuthoring(TimeProvider.System).ApproveAsync(kb, requestId, key, signer, rationale + "\n", ct);
        return JsonOutput.Result(parse, ExitCodes.Ok,
            () => new
            {
                ApprovalKbId = approvalId.Value,
                RequestKbId = requestId.Value,
                Kind = request.Kind == ApprovalKind.ExecutionRuling ? "execution_ruling" : request.Gate!.Value.WireName(),
                RunId = request.RunId.ToString(),
                Signer = signer,
                KeyFingerprint = key.PublicKey.Fingerprint.ToString(),
            },
            output => output.WriteLine($"wrote {approvalId} (signed by {signer}, key {key.PublicKey.Fingerprint}) answering {requestId}"));
    }

    private SshSigningKey OpenKey(ParseResult parse)
    {
        var keyPath = parse.GetValue(_key)!.FullName;
        var passphraseFile = parse.GetValue(_passphraseFile)?.FullName;
        if (parse.GetValue(_agent))
        {
            if (passphraseFile is not null) throw new InvalidInputException("--passphrase-file", "cannot be combined with --agent (the agent holds the unlocked key)");
            return SshSigningKey.FromAgent(keyPath);
        }
        // Asked only when the key turns out to be protected, so an unencrypted key never prompts.
        return SshSigningKey.Load(keyPath, passphraseFile is not null ? () => PassphraseInput.ReadFile(passphraseFile) : PassphraseInput.PromptOrNull(keyPath));
    }

    private static void Show(KbDocId requestId, ApprovalRequest request, string signer, SshSigningKey key, TextWriter output)
    {
        output.WriteLine($"request       {requestId}");
        output.WriteLine(request.Kind == ApprovalKind.ExecutionRuling
            ? "kind          execution ruling (turns the execution flag on for this run only)"
            : $"gate          {request.Gate!.Value.WireName()}");
        output.WriteLine($"run           {request.RunId}");
        if (request.DocumentCode is not null) output.WriteLine($"document      {request.DocumentCode}");
        if (request.PayloadSha is { } payload) output.WriteLine($"payload sha   {payload}");
        if (request.CandidateCount is { } count) output.WriteLine($"candidates    {count} units");
        if (request.Action is not null) output.WriteLine($"action        {request.Action}");
        if (request.StateSha is { } state) output.WriteLine($"state sha     {state}");
        if (request.RulingTtl is { } ttl) output.WriteLine($"valid for     {ttl.TotalMinutes:0} minutes from signing");
        output.WriteLine($"signer        {signer} ({key.PublicKey.Fingerprint})");
        output.WriteLine();
        output.WriteLine(request.Summary.TrimEnd());
        output.WriteLine();
    }

    /// <summary>
    /// The folder-backed KB arrives with the cutting branch (issue 4); until it is merged, say so plainly.
    /// The integrator replaces this body with <c>new FolderKnowledgeBase(root)</c>.
    /// </summary>
    /// <summary>--kb-root when given; else the configured KB (orchestrator.kb_url over HTTP, or orchestrator.kb_root).</summary>
    private static IKnowledgeBase OpenKnowledgeBase(string? kbRoot, string? configFile)
    {
        if (kbRoot is not null) return new FolderKnowledgeBase(kbRoot);
        var configuration = Cutter.Configuration.CutterConfiguration.Load(configFile);
        return KnowledgeBaseSelection.Open(configuration.Orchestrator, configuration.ReadEnvironment, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
    }
}
