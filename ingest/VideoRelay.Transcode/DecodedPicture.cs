using System.Diagnostics;
using VideoRelay.Core.Media;
using VideoRelay.Transcode.Native;

namespace VideoRelay.Transcode;

/// <summary>
/// One decoded source picture shared by reference between the rendition encoders: it holds the native
/// AVFrame reference (no copy of the picture), the source frame's timing and SEI NAL units, and the
/// keyframe decision every rendition applies. The decode thread holds one reference while it fans out
/// and each accepting encoder one more; the last <see cref="Release"/> frees the native frame and
/// returns the object to its <see cref="DecodedPicturePool"/>.
/// </summary>
[DebuggerDisplay("Picture pts={Pts} refs={_refs} key={ForceKeyframe}")]
internal sealed class DecodedPicture
{
    /// <summary>Bytes of SEI NAL units (AVCC) a picture carries; beyond that they are counted and skipped.</summary>
    public const int SeiCapacity = 4096;

    private readonly DecodedPicturePool _pool;
    private int _refs;

    public DecodedPicture(DecodedPicturePool pool, int index)
    {
        _pool = pool;
        Index = index;
    }

    public int Index { get; }
    public nint Frame;
    public VrPlanes Planes;
    public long Pts;
    public int Duration;
    public int StreamId;
    public TimingRecord Timing;
    public bool ForceKeyframe;
    public readonly byte[] Sei = GC.AllocateArray<byte>(SeiCapacity, pinned: true);
    public int SeiLength;

    public ReadOnlySpan<byte> SeiNals => Sei.AsSpan(0, SeiLength);

    internal void OnRent(nint frame)
    {
        Frame = frame;
        Volatile.Write(ref _refs, 1);
    }

    public void AddRef() => Interlocked.Increment(ref _refs);

    public void Release()
    {
        int after = Interlocked.Decrement(ref _refs);
        if (after == 0)
        {
            NativeMethods.vr_frame_release(Frame);
            Frame = 0;
            _pool.Return(this);
        }
        Debug.Assert(after >= 0, "decoded picture released more often than referenced");
    }
}
