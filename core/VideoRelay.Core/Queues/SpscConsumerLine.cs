using System.Runtime.InteropServices;

namespace VideoRelay.Core.Queues;

// The consumer half of an SpscRing's shared state; see SpscProducerLine.
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal struct SpscConsumerLine
{
    [FieldOffset(128)] public long Head;
    [FieldOffset(136)] public long TailCache;
}
