using System.Runtime.InteropServices;

namespace VideoRelay.Core.Queues;

// The two halves of an SpscRing's shared state, each padded to 256 bytes with its fields at offset 128:
// the index a thread owns and its cached copy of the peer's index share a line that no other thread
// writes (two 64-byte lines of padding either side defeat adjacent-line prefetch). Kept outside the
// generic ring because generic types cannot have explicit layout.

[StructLayout(LayoutKind.Explicit, Size = 256)]
internal struct SpscProducerLine
{
    [FieldOffset(128)] public long Tail;
    [FieldOffset(136)] public long HeadCache;
}
