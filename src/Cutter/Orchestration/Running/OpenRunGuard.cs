using Cutter.Domain;
using Cutter.Orchestration.State;
using Cutter.Store;
using Cutter.Store.Writes;

namespace Cutter.Orchestration.Running;

/// <summary>One unfinished live run per document: a new cut is refused while one is open, in the sidecar or in the store.</summary>
internal sealed class OpenRunGuard(OrchestratorServices services)
{
    public async Task RefuseIfDocumentHeldAsync(KbDocId documentId, RunId runId, CancellationToken cancellationToken)
    {
        var openHere = services.Sidecar.LoadAll().Where(s => s.Document.KbId == documentId.Value && s.Mode == RunMode.Live && !s.Status.IsTerminal())
            .Select(s => $"{s.RunId} ({s.Status.WireName()})").ToArray();
        IReadOnlyList<(RunId RunId, string State)> openInStore;
        await using (var connection = await services.Store.OpenAsync(Lane.Verify, cancellationToken))
        {
            openInStore = await RunStore.OpenRunsOfDocumentAsync(connection, documentId, cancellationToken);
        }
        var holders = openHere.Concat(openInStore.Select(o => $"{o.RunId} ({o.State})")).Distinct(StringComparer.Ordinal).ToArray();
        if (holders.Length > 0)
        {
            throw new StopException(StopCodes.DocumentLocked, $"{documentId} is held by an unfinished live run: {string.Join(", ", holders)}", runId);
        }
    }
}
