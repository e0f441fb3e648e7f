using VideoRelay.TestSource;
using VideoRelay.Transcode.Codecs;
using VideoRelay.Transcode.Native;

namespace VideoRelay.Bench.Latency;

/// <summary>
/// Decodes received access units with the native shim's H.264 decoder (one thread, low delay) and reads the
/// visual timecode from each picture's luma plane. One per viewer; use from one thread.
/// </summary>
internal sealed unsafe class TimecodeReader : IDisposable
{
    private readonly H264Decoder _decoder = new(default, default, threads: 1);

    public long DecodeErrors { get; private set; }
    public long Pictures { get; private set; }
    public long Unreadable { get; private set; }

    /// <summary>Decodes one AVCC access unit; calls <paramref name="onTimecode"/> (token, timecode Unix ms) per readable picture.</summary>
    public void Decode(ReadOnlySpan<byte> accessUnit, long token, Action<long, long> onTimecode)
    {
        if (_decoder.Send(accessUnit, token) < 0)
        {
            DecodeErrors++;
        }
        while (_decoder.Receive(out VrPicture picture) == 0)
        {
            try
            {
                Pictures++;
                VrPlanes p = picture.Planes;
                var luma = new ReadOnlySpan<byte>(p.Y, p.StrideY * p.Height);
                if (picture.Corrupt == 0 && Timecode.TryRead(luma, p.Width, p.Height, p.StrideY, out long unixMs))
                {
                    onTimecode(picture.Token, unixMs);
                }
                else
                {
                    Unreadable++;
                }
            }
            finally
            {
                H264Decoder.ReleaseFrame(picture.Frame);
            }
        }
    }

    public void Dispose() => _decoder.Dispose();
}
