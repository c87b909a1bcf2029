using Cutter.Configuration;
using Cutter.Domain;

namespace Cutter.Orchestration;

/// <summary>Creates and validates the three orchestrator folders at start, with errors that name the key and the path.</summary>
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
        try
        {
            Directory.CreateDirectory(path);
            var probe = Path.Combine(path, ".cutter-write-probe-" + Environment.ProcessId);
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException(key, $"'{path}' cannot be created or written: {ex.Message}");
        }
    }
}
