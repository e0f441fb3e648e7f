using VideoRelay.Core.Media;
using VideoRelay.Core.Streams;

namespace VideoRelay.Relay.Protocol;

/// <summary>STREAM_INFO: the answer to SUBSCRIBE, and again whenever the renditions, configs or live state change.</summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                            channel                            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     flags     | rendition cnt |  renditions (cnt ≤ 8) ...     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | has audio cfg | audio CodecConfig (when has audio cfg = 1) ... |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// flags: bit 0 = live (a publisher feeds the stream).
///
/// each rendition:
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  id (&lt; 8)     |  name length  |  name (UTF-8, ≤ 32 bytes) ... |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |             width             |            height             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                        bitrate (kbit/s)                       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  has config   |  video CodecConfig (when has config = 1) ...   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
internal readonly record struct StreamInfoMessage(uint Channel, bool IsLive, IReadOnlyList<RenditionInfo> Renditions, CodecConfig? AudioConfig)
    : IRelayMessage
{
    public const int MaxRenditions = 8;
    public const int MaxRenditionNameBytes = 32;
    private const byte FlagLive = 1;

    public RelayMessageType Type => RelayMessageType.StreamInfo;

    public static bool TryRead(ReadOnlySpan<byte> source, out StreamInfoMessage message, out int consumed)
    {
        message = default;
        consumed = 0;
        var r = new WireReader(source);
        if (!r.TryU32(out uint channel) || !r.TryU8(out byte flags) || !r.TryU8(out byte count) || count > MaxRenditions)
        {
            return false;
        }
        var renditions = new List<RenditionInfo>(count);
        for (int i = 0; i < count; i++)
        {
            if (!r.TryU8(out byte id) || id >= MaxRenditions || !r.TryString8(MaxRenditionNameBytes, out string name) ||
                !r.TryU16(out ushort width) || !r.TryU16(out ushort height) || !r.TryU32(out uint bitrate) || bitrate > int.MaxValue ||
                !r.TryU8(out byte hasConfig) || hasConfig > 1)
            {
                return false;
            }
            CodecConfig? config = null;
            if (hasConfig == 1 && !CodecConfigWire.TryRead(ref r, out config))
            {
                return false;
            }
            if (renditions.Exists(x => x.Id == id))
            {
                return false;
            }
            renditions.Add(new RenditionInfo(id, name, width, height, (int)bitrate, config));
        }
        if (!r.TryU8(out byte hasAudio) || hasAudio > 1)
        {
            return false;
        }
        CodecConfig? audio = null;
        if (hasAudio == 1 && !CodecConfigWire.TryRead(ref r, out audio))
        {
            return false;
        }
        message = new StreamInfoMessage(channel, (flags & FlagLive) != 0, renditions, audio);
        consumed = r.Position;
        return true;
    }

    public bool TryWrite(Span<byte> destination, out int written)
    {
        var w = new WireWriter(destination);
        w.U32(Channel);
        w.U8(IsLive ? FlagLive : (byte)0);
        int count = 0;
        foreach (RenditionInfo r in Renditions)
        {
            count += (uint)r.Id < MaxRenditions ? 1 : 0;
        }
        w.U8((byte)Math.Min(count, MaxRenditions));
        foreach (RenditionInfo r in Renditions)
        {
            if ((uint)r.Id >= MaxRenditions)
            {
                continue;
            }
            w.U8((byte)r.Id);
            w.String8(r.Name, MaxRenditionNameBytes);
            w.U16((ushort)Math.Clamp(r.Width, 0, ushort.MaxValue));
            w.U16((ushort)Math.Clamp(r.Height, 0, ushort.MaxValue));
            w.U32((uint)Math.Max(0, r.BitrateKbps));
            w.U8(r.VideoConfig is null ? (byte)0 : (byte)1);
            if (r.VideoConfig is not null)
            {
                CodecConfigWire.Write(ref w, r.VideoConfig);
            }
        }
        w.U8(AudioConfig is null ? (byte)0 : (byte)1);
        if (AudioConfig is not null)
        {
            CodecConfigWire.Write(ref w, AudioConfig);
        }
        written = w.Ok ? w.Position : 0;
        return w.Ok;
    }
}
