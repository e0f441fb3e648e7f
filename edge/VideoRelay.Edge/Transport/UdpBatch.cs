using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;

namespace VideoRelay.Edge.Transport;

/// <summary>
/// A batch of outgoing datagrams for one sending thread: fixed slots in native memory (payload, destination address,
/// iovec, mmsghdr prepared once), filled in place (the caller SRTP-protects straight into a slot) and handed to the
/// kernel with one sendmmsg per flush through <see cref="UdpTransport.SendBatch"/>. Allocation-free. Not thread-safe:
/// one per fan-out thread.
/// </summary>
internal sealed unsafe class UdpBatch : IDisposable
{
    public const int Capacity = 64;
    public const int SlotSize = 1536;
    private const int AddressSize = 128; // sockaddr_storage

    private readonly byte* _data;
    private readonly byte* _addresses;
    private readonly SendMmsgNative.IoVec* _iov;
    private readonly SendMmsgNative.MMsgHdr* _messages;
    private int _count;
    private int _disposed;

    public UdpBatch()
    {
        _data = (byte*)NativeMemory.AlignedAlloc(Capacity * SlotSize, 64);
        _addresses = (byte*)NativeMemory.AllocZeroed(Capacity * AddressSize);
        _iov = (SendMmsgNative.IoVec*)NativeMemory.AllocZeroed((nuint)(Capacity * sizeof(SendMmsgNative.IoVec)));
        _messages = (SendMmsgNative.MMsgHdr*)NativeMemory.AllocZeroed((nuint)(Capacity * sizeof(SendMmsgNative.MMsgHdr)));
        for (int i = 0; i < Capacity; i++)
        {
            _iov[i].Base = _data + i * SlotSize;
            _messages[i].Header.Iov = &_iov[i];
            _messages[i].Header.IovLength = 1;
            _messages[i].Header.Name = _addresses + i * AddressSize;
        }
    }

    public int Count => _count;
    public bool IsFull => _count == Capacity;

    /// <summary>The next free slot to write a datagram into (the caller must <see cref="Commit"/> it).</summary>
    public Span<byte> NextSlot
    {
        get
        {
            Debug.Assert(_count < Capacity);
            return new Span<byte>(_data + _count * SlotSize, SlotSize);
        }
    }

    /// <summary>Queues the datagram written into <see cref="NextSlot"/>; returns its index in the batch.</summary>
    public int Commit(int length, SocketAddress to)
    {
        Debug.Assert(_count < Capacity && (uint)length <= SlotSize);
        int i = _count++;
        int size = Math.Min(to.Size, AddressSize);
        to.Buffer.Span[..size].CopyTo(new Span<byte>(_addresses + i * AddressSize, size));
        _messages[i].Header.NameLength = (uint)size;
        _iov[i].Length = (nuint)length;
        return i;
    }

    /// <summary>Copies a ready datagram into the batch (control traffic: STUN, DTLS, RTCP).</summary>
    public int Add(ReadOnlySpan<byte> datagram, SocketAddress to)
    {
        datagram.CopyTo(NextSlot);
        return Commit(datagram.Length, to);
    }

    internal SendMmsgNative.MMsgHdr* Messages => _messages;

    internal void Clear() => _count = 0;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        NativeMemory.AlignedFree(_data);
        NativeMemory.Free(_addresses);
        NativeMemory.Free(_iov);
        NativeMemory.Free(_messages);
    }
}
