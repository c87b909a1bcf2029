using System.Diagnostics;
using Cutter.Orchestration;

namespace Cutter.Rehearsal;

/// <summary>
/// The crash-recovery tests' fault hook, kept out of the product library. At a <see cref="RunPoint"/>
/// (<c>after-phase:N</c>: after phase N's state is saved; <c>before-commit:N</c>: inside phase N's transaction, its rows
/// sent, before COMMIT; <c>after-commit:N</c>: committed, state.json not yet saved; <c>after-dump:5</c>: the encrypted
/// backup exists, phase 5 not yet passed) it injects one fault:
/// <list type="bullet">
/// <item><c>CUTTER_FAULT_KILL=&lt;point&gt;</c>: the process kills itself with SIGKILL, exactly as a crash or an OOM kill would;</item>
/// <item><c>CUTTER_FAULT_FILL=&lt;point&gt;|&lt;folder&gt;</c>: fills the (small, tmpfs) folder until it is full, then carries on;</item>
/// <item><c>CUTTER_FAULT_READONLY=&lt;point&gt;|&lt;mount point&gt;</c>: remounts that mount read-only (needs root), then carries on;</item>
/// <item><c>CUTTER_FAULT_PG_RESTART=&lt;point&gt;|&lt;data dir&gt;</c>: restarts the local PostgreSQL cluster with <c>-m immediate</c>, then carries on.</item>
/// </list>
/// </summary>
internal sealed class FaultInjection : IRunObserver
{
    public const string Variable = "CUTTER_FAULT_KILL";
    public const string FillVariable = "CUTTER_FAULT_FILL";
    public const string ReadOnlyVariable = "CUTTER_FAULT_READONLY";
    public const string PostgresRestartVariable = "CUTTER_FAULT_PG_RESTART";

    /// <summary>The file a fill writes into the folder: delete it to free the space again.</summary>
    public const string FillFileName = "cutter-fault-fill";

    private readonly string _point;
    private readonly Action<RunPoint> _inject;

    private FaultInjection(string point, Action<RunPoint> inject)
    {
        _point = point;
        _inject = inject;
    }

    /// <summary>The observer for the fault the environment names, or null when none is set.</summary>
    public static IRunObserver? FromEnvironment(Func<string, string?> readEnvironment)
    {
        if (readEnvironment(Variable) is { Length: > 0 } point) return new FaultInjection(point, Kill);
        if (Split(readEnvironment(FillVariable)) is { } fill) return new FaultInjection(fill.Point, at => Fill(at, fill.Path));
        if (Split(readEnvironment(ReadOnlyVariable)) is { } readOnly) return new FaultInjection(readOnly.Point, at => RemountReadOnly(at, readOnly.Path));
        if (Split(readEnvironment(PostgresRestartVariable)) is { } restart) return new FaultInjection(restart.Point, at => RestartPostgres(at, restart.Path));
        return null;
    }

    public void At(RunPoint point)
    {
        if (string.Equals(point.ToString(), _point, StringComparison.Ordinal)) _inject(point);
    }

    private static (string Point, string Path)? Split(string? value) =>
        value?.Split('|', 2) is [{ Length: > 0 } point, { Length: > 0 } path] ? (point, path) : null;

    private static void Kill(RunPoint point)
    {
        Console.Error.WriteLine($"{Variable}: killing the process at {point}");
        Console.Error.Flush();
        Process.GetCurrentProcess().Kill();
        Thread.Sleep(Timeout.Infinite);
    }

    private static void Fill(RunPoint point, string folder)
    {
        Console.Error.WriteLine($"{FillVariable}: filling {folder} at {point}");
        var block = new byte[64 * 1024];
        try
        {
            using var stream = new FileStream(Path.Combine(folder, FillFileName), FileMode.Append, FileAccess.Write);
            while (true)
            {
                stream.Write(block);
                stream.Flush(flushToDisk: true);
            }
        }
        catch (IOException)
        {
            // Full: the fault is in place.
        }
    }

    private static void RestartPostgres(RunPoint point, string dataDir)
    {
        Console.Error.WriteLine($"{PostgresRestartVariable}: restarting the cluster in {dataDir} with -m immediate at {point}");
        Disposable.LocalBinariesProvider.RestartImmediatelyAsync(dataDir).GetAwaiter().GetResult();
    }

    private static void RemountReadOnly(RunPoint point, string mountPoint)
    {
        Console.Error.WriteLine($"{ReadOnlyVariable}: remounting {mountPoint} read-only at {point}");
        using var mount = Process.Start(new ProcessStartInfo("mount", ["-o", "remount,ro", mountPoint]) { RedirectStandardError = true })
            ?? throw new InvalidOperationException("mount did not start");
        mount.WaitForExit();
        if (mount.ExitCode != 0) throw new InvalidOperationException($"mount -o remount,ro {mountPoint} exited {mount.ExitCode}: {mount.StandardError.ReadToEnd()}");
    }
}
