using System.Runtime.InteropServices;
using VideoRelay.Core.Net.Interop;

namespace VideoRelay.Core.Net;

/// <summary>
/// One preallocated native block holding a msghdr, its iovec, a sockaddr_storage for the peer address and
/// a control buffer: built once per direction, so recvmsg/sendmsg allocate nothing per packet.
/// Not thread-safe: each thread that calls recvmsg/sendmsg owns its own block.
/// </summary>
internal sealed unsafe class MessageBlock : IDisposable
{
    public const int NameCapacity = 128;    // sizeof(struct sockaddr_storage)
    public const int ControlCapacity = 512; // SCM_TIMESTAMPING (64) + IPV6_RECVERR (16 + 16 + 28) with room to spare
    public const int ScratchCapacity = 64;  // error-queue payload when OPT_TSONLY is off or an ICMP error quotes a packet

    private const int HeaderOffset = 0;
    private const int IovOffset = 64;
    private const int NameOffset = 128;
    private const int ControlOffset = NameOffset + NameCapacity;
    private const int ScratchOffset = ControlOffset + ControlCapacity;
    private const int BlockSize = ScratchOffset + ScratchCapacity;

    private byte* _block;

    public MessageBlock()
    {
        _block = (byte*)NativeMemory.AlignedAlloc(BlockSize, 64);
        NativeMemory.Clear(_block, BlockSize);
    }

    public MessageHeader* Header => (MessageHeader*)(_block + HeaderOffset);

    public byte* Name => _block + NameOffset;

    public byte* Scratch => _block + ScratchOffset;

    /// <summary>Control bytes the kernel wrote on the last recvmsg, bounded by the buffer.</summary>
    public ReadOnlySpan<byte> ReceivedControl =>
        new(_block + ControlOffset, (int)Math.Min(Header->ControlLength, (nuint)ControlCapacity));

    /// <summary>Sets up the header for one call: one iovec over <paramref name="data"/>.</summary>
    public void Prepare(byte* data, int length, int nameLength, bool withControl)
    {
        var iov = (IoVector*)(_block + IovOffset);
        iov->Base = data;
        iov->Length = (nuint)length;
        var header = Header;
        header->Name = nameLength > 0 ? _block + NameOffset : null;
        header->NameLength = (uint)nameLength;
        header->Iov = iov;
        header->IovLength = 1;
        header->Control = withControl ? _block + ControlOffset : null;
        header->ControlLength = withControl ? (nuint)ControlCapacity : 0;
        header->Flags = 0;
    }

    public void Dispose()
    {
        if (_block != null)
        {
            NativeMemory.AlignedFree(_block);
            _block = null;
        }
    }
}
