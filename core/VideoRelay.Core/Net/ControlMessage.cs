namespace VideoRelay.Core.Net;

/// <summary>One ancillary message (cmsg) of a recvmsg: its level, type and data, a view into the control buffer.</summary>
internal readonly ref struct ControlMessage
{
    public ControlMessage(int level, int type, ReadOnlySpan<byte> data)
    {
        Level = level;
        Type = type;
        Data = data;
    }

    public int Level { get; }

    public int Type { get; }

    public ReadOnlySpan<byte> Data { get; }
}
