using Cutter.Domain;

namespace Cutter.Infrastructure;

/// <summary>
/// Writes into the folders a run keeps its record in (sidecar, backup, locks). A folder that is read-only, full or
/// gone is an operator's fault to fix, not a crash: it becomes <see cref="StopCodes.FolderUnwritable"/> naming the
/// folder's configuration key, the path and the operating system's reason, after the write's own temporary files are removed.
/// </summary>
internal static class FolderWrites
{
    /// <summary>Runs <paramref name="write"/>; on a refused write runs <paramref name="cleanUp"/> (best effort) and throws the STOP.</summary>
    public static void Guard(string folderKey, string path, Action write, Action? cleanUp = null) =>
        Guard<object?>(folderKey, path, () => { write(); return null; }, cleanUp);

    public static T Guard<T>(string folderKey, string path, Func<T> write, Action? cleanUp = null)
    {
        try
        {
            return write();
        }
        catch (Exception ex) when (IsFolderFault(ex))
        {
            CleanUp(cleanUp);
            throw Stop(folderKey, path, ex);
        }
    }

    public static async Task<T> GuardAsync<T>(string folderKey, string path, Func<Task<T>> write, Action? cleanUp = null)
    {
        try
        {
            return await write();
        }
        catch (Exception ex) when (IsFolderFault(ex))
        {
            CleanUp(cleanUp);
            throw Stop(folderKey, path, ex);
        }
    }

    /// <summary>The STOP for <paramref name="fault"/> at <paramref name="path"/>.</summary>
    public static StopException Stop(string folderKey, string path, Exception fault) =>
        new(StopCodes.FolderUnwritable, $"{folderKey} '{path}' refused the write: {fault.Message}");

    /// <summary>A refused write: read-only (EROFS, EACCES), full (ENOSPC) or a vanished folder; a missing file the caller reads is not one.</summary>
    public static bool IsFolderFault(Exception ex) => ex is UnauthorizedAccessException || (ex is IOException && ex is not FileNotFoundException);

    /// <summary>Deletes <paramref name="file"/> if it is there, ignoring a folder that refuses even that.</summary>
    public static void DeleteQuietly(string file)
    {
        try { File.Delete(file); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { /* the folder is the fault being reported */ }
    }

    private static void CleanUp(Action? cleanUp)
    {
        try { cleanUp?.Invoke(); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { /* the folder is the fault being reported */ }
    }
}
