namespace Cutter.Orchestration;

/// <summary>
/// Told when a run reaches one of its durable points (<see cref="RunPoint"/>). The runner calls it synchronously,
/// so an observer sees the process exactly at that point: progress displays, tracing, and the crash-recovery
/// tests (which kill the process there) hang off it. The library ships no observer that changes behaviour.
/// </summary>
public interface IRunObserver
{
    void At(RunPoint point);
}
