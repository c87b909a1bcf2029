using System.Diagnostics;
using Cutter.Orchestration;

namespace Cutter.Rehearsal;

/// <summary>
/// The crash-recovery tests' fault hook, kept out of the product library: when <c>CUTTER_FAULT_KILL</c> names a
/// <see cref="RunPoint"/> (<c>after-phase:N</c>: after phase N's state is saved; <c>before-commit:N</c>: inside
/// phase N's transaction, its rows sent, before COMMIT; <c>after-commit:N</c>: committed, state.json not yet saved),
/// the process kills itself with SIGKILL there, exactly as a crash or an OOM kill would.
/// </summary>
internal sealed class FaultInjection : IRunObserver
{
    public const string Variable = "CUTTER_FAULT_KILL";

    private readonly string _point;

    private FaultInjection(string point) => _point = point;

    /// <summary>The observer for the point <c>CUTTER_FAULT_KILL</c> names, or null when it is unset.</summary>
    public static IRunObserver? FromEnvironment(Func<string, string?> readEnvironment) =>
        readEnvironment(Variable) is { Length: > 0 } point ? new FaultInjection(point) : null;

    public void At(RunPoint point)
    {
        if (string.Equals(point.ToString(), _point, StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"{Variable}: killing the process at {point}");
            Console.Error.Flush();
            Process.GetCurrentProcess().Kill();
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
