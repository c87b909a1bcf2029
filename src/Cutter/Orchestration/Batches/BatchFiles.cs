using System.Text.RegularExpressions;
using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Governance.Approvals;

namespace Cutter.Orchestration.Batches;

/// <summary>
/// Where a batch's gate requests live: <c>orchestrator.batch_dir/&lt;name&gt;/request-&lt;gate&gt;.md</c>, and the approver's
/// signature beside each as <c>request-&lt;gate&gt;.md.sig</c> (what <c>ssh-keygen -Y sign -f KEY -n cutter-approval FILE</c> writes).
/// </summary>
internal static partial class BatchFiles
{
    public static string ValidName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || !NamePattern().IsMatch(name))
        {
            throw new InvalidInputException("--name", $"'{name}' must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    public static string Folder(OrchestratorSettings settings, string name) => Path.Combine(settings.BatchDir, ValidName(name));

    public static string RequestPath(OrchestratorSettings settings, string name, ApprovalGate gate) =>
        Path.Combine(Folder(settings, name), $"request-{gate.WireName()}.md");

    public static string SignaturePath(string requestPath) => requestPath + ".sig";

    /// <summary>The command that signs a request, for the operator.</summary>
    public static string SignCommand(string requestPath) =>
        $"ssh-keygen -Y sign -f <your key> -n {ApprovalFields.SignatureNamespace} {requestPath}";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
