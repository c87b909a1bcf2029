using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Infrastructure;

namespace Cutter.Orchestration;

/// <summary>Creates and validates the three orchestrator folders at start: an unwritable one is STOP_FOLDER_UNWRITABLE naming the key and the path.</summary>
internal static class RunDirectories
{
    public static void Ensure(OrchestratorSettings settings)
    {
        Ensure("orchestrator.sidecar_root", settings.SidecarRoot);
        Ensure("orchestrator.batch_dir", settings.BatchDir);
        Ensure("orchestrator.global_locks_dir", settings.GlobalLocksDir);
    }

    private static void Ensure(string key, string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new InvalidInputException(key, "is not configured");
        if (!Path.IsPathFullyQualified(path)) throw new InvalidInputException(key, $"'{path}' must be an absolute path");
        var probe = Path.Combine(path, ".cutter-write-probe-" + Environment.ProcessId);
        // A read-only, full or vanished folder is a STOP the operator fixes, after which the run resumes (docs/stop-codes.md).
        FolderWrites.Guard(key, path, () =>
        {
            Directory.CreateDirectory(path);
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }, () => File.Delete(probe));
    }
}
