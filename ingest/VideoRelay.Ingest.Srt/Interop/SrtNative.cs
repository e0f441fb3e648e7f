using System.Reflection;
using System.Runtime.InteropServices;

namespace VideoRelay.Ingest.Srt.Interop;

/// <summary>
/// The libsrt 1.5 C API (Debian's libsrt1.5-openssl: <c>libsrt.so.1.5</c>; the GnuTLS flavour
/// <c>libsrt-gnutls.so.1.5</c> works too). Numbers are checked against /usr/include/srt/srt.h and
/// access_control.h (see <see cref="SrtOption"/>, <see cref="SrtMsgCtrl"/>, <see cref="SrtStatsLayout"/>).
/// </summary>
internal static unsafe partial class SrtNative
{
    private const string Library = "srt";

    public const int Invalid = -1;
    public const int Error = -1;

    /// <summary>SRT_TRANSTYPE: SRTT_LIVE.</summary>
    public const int TransTypeLive = 0;

    /// <summary>SRT_EPOLL_OPT: SRT_EPOLL_IN (also "accept ready" on a listener).</summary>
    public const int EpollIn = 0x1;
    public const int EpollErr = 0x8;

    /// <summary>SRT_ERRNO values.</summary>
    public const int ErrorAsyncReceive = 6002; // SRT_EASYNCRCV: nothing to read (timeout)
    public const int ErrorTimeout = 6003;      // SRT_ETIMEOUT
    public const int ErrorConnectionLost = 2001;

    /// <summary>SRT_SOCKSTATUS.</summary>
    public const int StatusConnected = 5;
    public const int StatusBroken = 6;

    static SrtNative() => NativeLibrary.SetDllImportResolver(typeof(SrtNative).Assembly, Resolve);

    [LibraryImport(Library)]
    public static partial int srt_startup();

    [LibraryImport(Library)]
    public static partial int srt_cleanup();

    [LibraryImport(Library)]
    public static partial void srt_setloglevel(int level);

    [LibraryImport(Library)]
    public static partial int srt_create_socket();

    [LibraryImport(Library)]
    public static partial int srt_setsockflag(int socket, SrtOption option, void* value, int length);

    [LibraryImport(Library)]
    public static partial int srt_getsockflag(int socket, SrtOption option, void* value, int* length);

    [LibraryImport(Library)]
    public static partial int srt_bind(int socket, void* address, int length);

    [LibraryImport(Library)]
    public static partial int srt_getsockname(int socket, void* address, int* length);

    [LibraryImport(Library)]
    public static partial int srt_listen(int socket, int backlog);

    /// <summary>hook: int (*)(void* opaque, SRTSOCKET ns, int hsversion, const struct sockaddr* peer, const char* streamid).</summary>
    [LibraryImport(Library)]
    public static partial int srt_listen_callback(int socket, delegate* unmanaged[Cdecl]<nint, int, int, nint, nint, int> hook, nint opaque);

    [LibraryImport(Library)]
    public static partial int srt_accept(int socket, void* address, int* length);

    [LibraryImport(Library)]
    public static partial int srt_recvmsg2(int socket, byte* buffer, int length, SrtMsgCtrl* control);

    [LibraryImport(Library)]
    public static partial int srt_close(int socket);

    [LibraryImport(Library)]
    public static partial int srt_getsockstate(int socket);

    [LibraryImport(Library)]
    public static partial nint srt_getlasterror_str();

    [LibraryImport(Library)]
    public static partial int srt_getlasterror(int* errno);

    [LibraryImport(Library)]
    public static partial int srt_getrejectreason(int socket);

    [LibraryImport(Library)]
    public static partial int srt_setrejectreason(int socket, int reason);

    [LibraryImport(Library)]
    public static partial int srt_bstats(int socket, byte* stats, int clear);

    [LibraryImport(Library)]
    public static partial long srt_time_now();

    [LibraryImport(Library)]
    public static partial int srt_epoll_create();

    [LibraryImport(Library)]
    public static partial int srt_epoll_add_usock(int eid, int socket, int* events);

    [LibraryImport(Library)]
    public static partial int srt_epoll_wait(int eid, int* readFds, int* readCount, int* writeFds, int* writeCount, long timeoutMs,
        int* systemReadFds, int* systemReadCount, int* systemWriteFds, int* systemWriteCount);

    [LibraryImport(Library)]
    public static partial int srt_epoll_release(int eid);

    /// <summary>The last error on this thread, as text.</summary>
    public static string LastError() => Marshal.PtrToStringUTF8(srt_getlasterror_str()) ?? "unknown SRT error";

    public static int LastErrorCode() => srt_getlasterror(null);

    public static int SetInt(int socket, SrtOption option, int value) => srt_setsockflag(socket, option, &value, sizeof(int));

    public static int SetBool(int socket, SrtOption option, bool value)
    {
        int v = value ? 1 : 0;
        return srt_setsockflag(socket, option, &v, sizeof(int));
    }

    /// <summary>Sets a string option (SRTO_PASSPHRASE, SRTO_STREAMID): bytes without a terminator.</summary>
    public static int SetString(int socket, SrtOption option, string value)
    {
        Span<byte> bytes = stackalloc byte[System.Text.Encoding.UTF8.GetMaxByteCount(value.Length)];
        int length = System.Text.Encoding.UTF8.GetBytes(value, bytes);
        fixed (byte* p = bytes)
        {
            return srt_setsockflag(socket, option, p, length);
        }
    }

    public static int GetInt(int socket, SrtOption option, out int value)
    {
        int v = 0, length = sizeof(int);
        int result = srt_getsockflag(socket, option, &v, &length);
        value = v;
        return result;
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Library)
        {
            return 0;
        }
        foreach (string candidate in (ReadOnlySpan<string>)["libsrt.so.1.5", "libsrt-openssl.so.1.5", "libsrt-gnutls.so.1.5", "libsrt.so"])
        {
            if (NativeLibrary.TryLoad(candidate, assembly, path, out nint handle))
            {
                return handle;
            }
        }
        return 0;
    }
}
