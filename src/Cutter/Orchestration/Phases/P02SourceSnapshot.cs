using Cutter.Domain;
using Cutter.Knowledge;

namespace Cutter.Orchestration.Phases;

/// <summary>Phase 2: fetch the target KB document, pin its sha, and keep its exact bytes in the run folder.</summary>
internal sealed class P02SourceSnapshot : IPhase
{
    public const string SnapshotFileName = "source.md";

    public int Number => 2;
    public string Name => "source_snapshot";
    public bool WritesProduction => false;

    public async Task<PhaseOutcome> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var id = KbDocId.Parse(context.State.Document.KbId);
        KbDocument source;
        try
        {
            source = await context.Services.Kb.GetAsync(id, cancellationToken);
        }
        catch (KbDocumentNotFoundException)
        {
            throw new StopException(StopCodes.CutPlanInvalid, $"the target document {id} does not exist in the KB", context.RunId, Number);
        }
        var sha = Sha256Hex.Of(source.Raw);
        Directory.CreateDirectory(context.RunFolder);
        State.SidecarStore.WriteAtomically(Path.Combine(context.RunFolder, SnapshotFileName), source.Raw);
        context.Source = source;
        context.State.SourceSha = sha.Value;
        return new PhaseOutcome(0, $"{id}: {source.Raw.Length} bytes, sha256 {sha}");
    }
}
