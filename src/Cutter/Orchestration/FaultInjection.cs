using System.Diagnostics;

namespace Cutter.Orchestration;

/// <summary>
/// A test-only fault hook: when <c>CUTTER_FAULT_KILL</c> names a point (<c>after-phase:N</c>: after phase N's
/// state is saved; <c>before-commit:N</c>: inside phase N's transaction, its rows sent, before COMMIT; <c>after-commit:N</c>: committed, state.json not yet saved), the process
/// kills itself with SIGKILL there, exactly as a crash or an OOM kill would. Unset in production; the crash-recovery
/// tests set it on child processes.
/// </summary>
public static class FaultInjection
{
    public const string Variable = "CUTTER_FAULT_KILL";

    public static void At(string point)
    {
        if (string.Equals(Environment.GetEnvironmentVariable(Variable), point, StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"{Variable}: killing the process at {point}");
            Console.Error.Flush();
            Process.GetCurrentProcess().Kill();
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
