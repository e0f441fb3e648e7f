using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace VideoRelay.Ingest.Srt.Interop;

/// <summary>Linux sockaddr_in / sockaddr_in6 to and from <see cref="IPEndPoint"/>.</summary>
internal static unsafe class SockAddr
{
    public const int MaxSize = 28; // sizeof(struct sockaddr_in6)
    private const ushort AfInet = 2;
    private const ushort AfInet6 = 10;

    public static int Write(IPEndPoint endPoint, Span<byte> dst)
    {
        dst[..MaxSize].Clear();
        BinaryPrimitives.WriteUInt16BigEndian(dst[2..], (ushort)endPoint.Port);
        if (endPoint.AddressFamily == AddressFamily.InterNetwork)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(dst, AfInet);
            endPoint.Address.TryWriteBytes(dst[4..8], out _);
            return 16;
        }
        BinaryPrimitives.WriteUInt16LittleEndian(dst, AfInet6);
        endPoint.Address.TryWriteBytes(dst[8..24], out _);
        BinaryPrimitives.WriteUInt32LittleEndian(dst[24..], (uint)endPoint.Address.ScopeId);
        return MaxSize;
    }

    public static IPEndPoint? Read(ReadOnlySpan<byte> src)
    {
        if (src.Length < 16)
        {
            return null;
        }
        ushort family = BinaryPrimitives.ReadUInt16LittleEndian(src);
        int port = BinaryPrimitives.ReadUInt16BigEndian(src[2..]);
        return family switch
        {
            AfInet => new IPEndPoint(new IPAddress(src[4..8]), port),
            AfInet6 when src.Length >= MaxSize => new IPEndPoint(new IPAddress(src[8..24], BinaryPrimitives.ReadUInt32LittleEndian(src[24..])), port),
            _ => null,
        };
    }

    /// <summary>Reads a sockaddr that libsrt passed by pointer (family first tells the size).</summary>
    public static IPEndPoint? Read(nint address)
    {
        if (address == 0)
        {
            return null;
        }
        ushort family = *(ushort*)address;
        int size = family == AfInet6 ? MaxSize : 16;
        return Read(new ReadOnlySpan<byte>((void*)address, size));
    }
}
