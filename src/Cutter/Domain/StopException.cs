namespace Cutter.Domain;

/// <summary>A STOP condition fired. Carries the code, and where known the run and the phase.</summary>
public sealed class StopException : CutterException
{
    public StopException(StopCode code, string detail, RunId? runId = null, int? phase = null)
        : base($"{code.Code}: {detail}")
    {
        Code = code;
        Detail = detail;
        RunId = runId;
        Phase = phase;
    }

    public StopCode Code { get; }
    public string Detail { get; }
    public RunId? RunId { get; }
    public int? Phase { get; }
}
