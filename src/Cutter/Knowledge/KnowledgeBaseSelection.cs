using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Knowledge.Http;
using Microsoft.Extensions.Logging;

namespace Cutter.Knowledge;

/// <summary>
/// Chooses the configured knowledge base: the KB API when <c>orchestrator.kb_url</c> (else <c>AGENT_DATA_API_URL</c>)
/// is set, the folder under <c>orchestrator.kb_root</c> otherwise.
/// </summary>
internal static class KnowledgeBaseSelection
{
    public static IKnowledgeBase Open(OrchestratorSettings settings, Func<string, string?> readEnvironment, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(readEnvironment);
        if (!string.IsNullOrWhiteSpace(settings.KbUrl))
        {
            return HttpKnowledgeBase.Open(settings.KbUrl, "orchestrator.kb_url", readEnvironment, logger, settings.MaxDocumentBytes);
        }
        if (readEnvironment(EnvironmentNames.KbApiUrl) is { } url && !string.IsNullOrWhiteSpace(url))
        {
            return HttpKnowledgeBase.Open(url, EnvironmentNames.KbApiUrl, readEnvironment, logger, settings.MaxDocumentBytes);
        }
        if (string.IsNullOrWhiteSpace(settings.KbRoot))
        {
            throw new InvalidInputException("orchestrator.kb_root", $"is not configured (nor orchestrator.kb_url or {EnvironmentNames.KbApiUrl} for the KB API)");
        }
        return new FolderKnowledgeBase(settings.KbRoot, settings.MaxDocumentBytes);
    }
}
