using System.Runtime.InteropServices;

namespace VideoRelay.Core.Diagnostics.Interop;

/// <summary>
/// realpath(3): resolves every symlink component physically. .NET resolves a relative link target
/// lexically against the link's own path, which is wrong in /sys where the parent directories are links too.
/// </summary>
internal static unsafe partial class FileSystemNative
{
    public const int PathMax = 4096;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial byte* realpath(string path, byte* resolved);

    public static string? RealPath(string path)
    {
        byte* buffer = stackalloc byte[PathMax];
        return realpath(path, buffer) == null ? null : Marshal.PtrToStringUTF8((nint)buffer);
    }
}
