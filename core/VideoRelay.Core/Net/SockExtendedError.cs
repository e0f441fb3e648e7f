using System.Runtime.InteropServices;

namespace VideoRelay.Core.Net;

/// <summary>
/// struct sock_extended_err (linux/errqueue.h), the data of an IP_RECVERR / IPV6_RECVERR control message
/// read from the error queue. For a TX timestamp: ee_errno = ENOMSG, ee_origin = SO_EE_ORIGIN_TIMESTAMPING (4),
/// ee_info = SCM_TSTAMP_* and ee_data = the OPT_ID key.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                        ee_errno (u32)                         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   ee_origin   |    ee_type    |    ee_code    |    ee_pad     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                        ee_info (u32)                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                        ee_data (u32)                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  offender sockaddr (SO_EE_OFFENDER), unused for timestamps    |
/// </code>
/// </remarks>
internal readonly record struct SockExtendedError(uint Errno, byte Origin, byte Type, byte Code, uint Info, uint Data)
{
    public const int Size = 16;
    public const byte OriginTimestamping = 4; // SO_EE_ORIGIN_TIMESTAMPING == SO_EE_ORIGIN_TXSTATUS

    public bool IsTimestamp => Errno == Interop.Errno.ENOMSG && Origin == OriginTimestamping;

    public static bool TryRead(ReadOnlySpan<byte> data, out SockExtendedError error)
    {
        if (data.Length < Size)
        {
            error = default;
            return false;
        }
        error = new SockExtendedError(
            MemoryMarshal.Read<uint>(data),
            data[4],
            data[5],
            data[6],
            MemoryMarshal.Read<uint>(data[8..]),
            MemoryMarshal.Read<uint>(data[12..]));
        return true;
    }
}
