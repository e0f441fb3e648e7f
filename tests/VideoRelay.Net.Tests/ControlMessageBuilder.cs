using System.Buffers.Binary;

namespace VideoRelay.Net.Tests;

/// <summary>Builds control buffers the way the kernel lays them out (x86_64 cmsghdr, 8-byte alignment).</summary>
internal sealed class ControlMessageBuilder
{
    private readonly List<byte> _bytes = [];

    public ControlMessageBuilder Add(int level, int type, ReadOnlySpan<byte> data, long? lengthOverride = null)
    {
        var header = new byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(header, lengthOverride ?? 16 + data.Length);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), level);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), type);
        _bytes.AddRange(header);
        _bytes.AddRange(data.ToArray());
        while (_bytes.Count % 8 != 0)
            _bytes.Add(0);
        return this;
    }

    public byte[] ToArray() => [.. _bytes];

    public static byte[] Timespecs(params (long Sec, long Nsec)[] stamps)
    {
        var data = new byte[16 * stamps.Length];
        for (int i = 0; i < stamps.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(16 * i), stamps[i].Sec);
            BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(16 * i + 8), stamps[i].Nsec);
        }
        return data;
    }

    /// <summary>sock_extended_err followed by a sockaddr_in offender, as IP_RECVERR carries it.</summary>
    public static byte[] ExtendedError(uint errno, byte origin, uint info, uint data)
    {
        var bytes = new byte[16 + 16];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, errno);
        bytes[4] = origin;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), info);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), data);
        return bytes;
    }
}
