using System.Runtime.InteropServices;

namespace VideoRelay.Core.Net;

/// <summary>
/// Walks the control buffer of a recvmsg (what glibc's CMSG_FIRSTHDR/CMSG_NXTHDR do), with every length
/// checked against what is really there.
/// </summary>
/// <remarks>
/// struct cmsghdr on x86_64 (bits/socket.h); messages follow one another at 8-byte alignment:
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                 cmsg_len (size_t, low 32 bits)                |
/// |                 cmsg_len (size_t, high 32 bits)               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                     cmsg_level (int)                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                     cmsg_type (int)                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  data (cmsg_len - 16 bytes)  ...  padding to CMSG_ALIGN (8)   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// cmsg_len counts the header and the data but not the trailing padding. A cmsg_len below the header
/// size or beyond the bytes the kernel returned (a MSG_CTRUNC buffer, or garbage) ends the walk.
/// </remarks>
internal static class ControlMessageReader
{
    public const int HeaderSize = 16;

    public static int Align(int length) => (length + 7) & ~7;

    /// <summary>Reads the message at the start of <paramref name="control"/>.</summary>
    /// <param name="consumed">Bytes to skip to reach the next message (aligned, never past the end).</param>
    public static bool TryRead(ReadOnlySpan<byte> control, out ControlMessage message, out int consumed)
    {
        message = default;
        consumed = 0;
        if (control.Length < HeaderSize)
            return false;
        ulong length = MemoryMarshal.Read<ulong>(control);
        if (length < HeaderSize || length > (ulong)control.Length)
            return false;
        int len = (int)length;
        int level = MemoryMarshal.Read<int>(control[8..]);
        int type = MemoryMarshal.Read<int>(control[12..]);
        message = new ControlMessage(level, type, control[HeaderSize..len]);
        consumed = Math.Min(Align(len), control.Length);
        return true;
    }
}
