using Cutter.Configuration;
using Cutter.Domain;
using Microsoft.Win32.SafeHandles;
using Mono.Unix;
using Mono.Unix.Native;

namespace Cutter.Knowledge;

/// <summary>
/// Opens a document (or its signature) from disk, refusing anything but a regular file. A FIFO named as a document
/// would block the reader until some other process writes to it, and a device such as <c>/dev/zero</c> never ends;
/// neither is a document. On Unix the file is opened non-blocking and its type is taken from the open descriptor
/// (<c>fstat</c>), so a file swapped between a check and the open cannot slip through.
/// </summary>
internal static class DocumentFile
{
    /// <summary>Opens <paramref name="path"/> for reading; <paramref name="source"/> is how errors name it.</summary>
    public static FileStream OpenRegular(string path, string source)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (OperatingSystem.IsWindows())
        {
            // Windows has no FIFOs or device nodes in the file namespace: a path that opens as a file is a file.
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }

        // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
        var descriptor = Syscall.open(path, OpenFlags.O_RDONLY | OpenFlags.O_NONBLOCK | OpenFlags.O_CLOEXEC | OpenFlags.O_NOCTTY);
        if (descriptor < 0)
        {
            var error = Stdlib.GetLastError();
            throw error == Errno.ENOENT
                ? new InvalidInputException(source, "no such file")
                // The errno as HResult, as .NET's own IOExceptions carry it: the CLI classifies by it (ELOOP, EACCES).
                : new IOException($"{source}: cannot be opened: {UnixMarshal.GetErrorDescription(error)}", NativeConvert.FromErrno(error));
        }
        var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        try
        {
            if (Syscall.fstat(descriptor, out var status) != 0)
            {
                throw new IOException($"{source}: cannot be examined: {UnixMarshal.GetErrorDescription(Stdlib.GetLastError())}");
            }
            var type = status.st_mode & FilePermissions.S_IFMT;
            if (type != FilePermissions.S_IFREG)
            {
                throw new InvalidInputException(source, $"is {Describe(type)}, not a regular file: only regular files are read as documents");
            }
            return new FileStream(handle, FileAccess.Read, bufferSize: 0);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Reads a whole regular file, refusing one over <paramref name="maxBytes"/> before reading it.</summary>
    /// <param name="capKey">The configuration key of the cap, which the refusal names; null when the cap is fixed.</param>
    public static byte[] ReadAllBytes(string path, long maxBytes, string source, string? capKey = null)
    {
        using var stream = OpenRegular(path, source);
        var raw = new byte[CheckedLength(stream, maxBytes, source, capKey)];
        stream.ReadExactly(raw);
        return raw;
    }

    /// <inheritdoc cref="ReadAllBytes"/>
    public static async Task<byte[]> ReadAllBytesAsync(string path, long maxBytes, string source, string? capKey, CancellationToken cancellationToken)
    {
        var stream = OpenRegular(path, source);
        await using (stream.ConfigureAwait(false))
        {
            var raw = new byte[CheckedLength(stream, maxBytes, source, capKey)];
            await stream.ReadExactlyAsync(raw, cancellationToken).ConfigureAwait(false);
            return raw;
        }
    }

    private static long CheckedLength(FileStream stream, long maxBytes, string source, string? capKey) =>
        stream.Length <= maxBytes
            ? stream.Length
            : throw new InvalidInputException(source, capKey is null
                ? $"is {stream.Length} bytes; the limit is {maxBytes}"
                : DocumentCaps.TooLarge(stream.Length, maxBytes, capKey));

    private static string Describe(FilePermissions type) => type switch
    {
        FilePermissions.S_IFIFO => "a FIFO (named pipe)",
        FilePermissions.S_IFCHR => "a character device",
        FilePermissions.S_IFBLK => "a block device",
        FilePermissions.S_IFSOCK => "a socket",
        FilePermissions.S_IFDIR => "a directory",
        _ => "of another file type",
    };
}
