using System.Runtime.InteropServices;

namespace Cutter.Scanning;

/// <summary>
/// The kind of a file system entry (regular file, FIFO, socket, device), which .NET does not expose: a FIFO looks
/// like an empty file until a read blocks on it. Asked through Linux <c>statx</c>, whose buffer layout is the same on
/// every architecture.
/// </summary>
internal static class UnixFileType
{
    private const int CurrentDirectory = -100; // AT_FDCWD
    private const uint TypeMask = 0x0001; // STATX_TYPE
    private const int ModeOffset = 0x1C; // struct statx: stx_mode
    private const int FileTypeBits = 0xF000; // S_IFMT
    private const int RegularFile = 0x8000; // S_IFREG

    /// <summary>True when the path (links followed) is a regular file; false for FIFOs, sockets, devices and anything statx cannot see.</summary>
    public static bool IsRegularFile(string path)
    {
        var buffer = new byte[256];
        if (Statx(CurrentDirectory, path, 0, TypeMask, buffer) != 0)
        {
            return false;
        }
        return (BitConverter.ToUInt16(buffer, ModeOffset) & FileTypeBits) == RegularFile;
    }

    [DllImport("libc", EntryPoint = "statx")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
