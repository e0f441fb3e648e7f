using System.Runtime.InteropServices;

namespace VideoRelay.Bench;

/// <summary>The bench's own sendmmsg(2) binding (the edge's is internal): 64-bit Linux struct layouts.</summary>
internal static unsafe partial class SendMmsgInterop
{
    public const int MSG_DONTWAIT = 0x40;

    [LibraryImport("libc", EntryPoint = "sendmmsg", SetLastError = true)]
    public static partial int SendMmsg(int fd, MMsgHdr* messages, uint count, int flags);

    [StructLayout(LayoutKind.Sequential)]
    public struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    /// <summary>struct mmsghdr (64 bytes): struct msghdr (56 bytes, flattened here) then the kernel's byte count.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MMsgHdr
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
        private readonly int _padding; // struct msghdr ends here, 8-aligned (56 bytes)
        public uint Length;
    }
}
