using Cutter.Domain;
using Cutter.Orchestration.Reports;
using Cutter.Orchestration.State;
using Microsoft.Extensions.Logging;

namespace Cutter.Orchestration.Running;

/// <summary>
/// Where a run leaves its record: state.json (saved after every step), the runs index (one line per event), and the
/// KB documents it uploads. A failed upload is a STOP of the run, never a lost report.
/// </summary>
internal sealed class RunJournal(OrchestratorServices services)
{
    public void Save(RunState state) => services.Sidecar.Save(state);

    public void Event(RunState state, string @event, string? detail) => services.Sidecar.AppendEvent(state, @event, detail, services.Time.GetUtcNow());

    /// <summary>A lock taken over from a dead holder is logged (by the lock), kept in the run's warnings and written to the runs index.</summary>
    public void RecordTakeover(RunState state, string message) => services.Sidecar.RecordLockTakeover(state, message, services.Time.GetUtcNow());

    /// <summary>The janitor turned off a flag a dead run left on: a run-less line of the runs index.</summary>
    public void FlagRecovered(string message) =>
        services.Sidecar.AppendIndex(new RunIndexEntry(services.Time.GetUtcNow(), "-", "flag_recovered", "-", "-", null, "-", null, message));

    /// <summary>Records a STOP: the run is <c>stopped</c> with <paramref name="stop"/>, saved and indexed.</summary>
    /// <remarks>
    /// When the sidecar itself refuses the write, the STOP cannot be recorded there: state.json keeps the last state it
    /// saved (a resume reconciles it with the ledger) and the log line and exit code are the record.
    /// </remarks>
    public void RecordStop(RunState state, StopRecord stop)
    {
        state.Stop = stop;
        if (state.Status != RunStatus.Stopped) state.TransitionTo(RunStatus.Stopped);
        try
        {
            Save(state);
            Event(state, "stopped", $"{stop.Code}: {stop.Detail}");
        }
        catch (StopException unrecorded) when (unrecorded.Code == StopCodes.FolderUnwritable)
        {
            services.Logger.LogError("run {RunId}: the STOP {Code} could not be recorded in the sidecar: {Detail}", state.RunId, stop.Code, unrecorded.Detail);
        }
    }

    /// <summary>Uploads <paramref name="phase"/>'s report doc under its idempotency key (<c>&lt;run&gt;/phase-N</c>) and returns its KB id.</summary>
    public async Task<string> UploadPhaseReportAsync(RunState state, PhaseRecord phase, CancellationToken cancellationToken) =>
        (await UploadAsync(RunId.Parse(state.RunId), RunDocuments.PhaseReport(state, phase), $"{state.RunId}/phase-{phase.Number}", phase.Number, cancellationToken)).Value;

    public async Task<KbDocId> UploadAsync(RunId runId, byte[] raw, string idempotencyKey, int? phase, CancellationToken cancellationToken)
    {
        try
        {
            return await services.Kb.CreateAsync(raw, idempotencyKey, cancellationToken);
        }
        catch (Exception ex) when (ex is CutterException or IOException or HttpRequestException or TimeoutException && ex is not StopException)
        {
            throw new StopException(StopCodes.KbUploadFailed, $"{idempotencyKey}: {ex.Message}", runId, phase);
        }
    }
}
