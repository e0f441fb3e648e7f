using VideoRelay.Core.Net.Interop;

namespace VideoRelay.Core.Net;

/// <summary>Finds the kernel timestamps in a recvmsg control buffer (normal queue and error queue).</summary>
internal static class KernelTimestampParser
{
    /// <summary>
    /// The receive stamp: the raw hardware stamp of SCM_TIMESTAMPING when present, else its software stamp,
    /// else an SCM_TIMESTAMPNS (the SO_TIMESTAMPNS fallback). Malformed messages are skipped or end the walk.
    /// </summary>
    public static bool TryReadReceive(ReadOnlySpan<byte> control, out long unixNs, out TimestampSource source)
    {
        unixNs = 0;
        source = TimestampSource.None;
        while (ControlMessageReader.TryRead(control, out var message, out int consumed))
        {
            if (message.Level == SocketOptionNative.SOL_SOCKET)
            {
                if (message.Type == SocketOptionNative.SCM_TIMESTAMPING
                    && ScmTimestamping.TryRead(message.Data, out long software, out long hardware))
                {
                    if (hardware != 0)
                    {
                        unixNs = hardware;
                        source = TimestampSource.Hardware;
                        return true;
                    }
                    if (software != 0)
                    {
                        unixNs = software;
                        source = TimestampSource.Software;
                    }
                }
                else if (message.Type == SocketOptionNative.SCM_TIMESTAMPNS && source == TimestampSource.None
                    && KernelTimespec.TryRead(message.Data, out long ns) && ns != 0)
                {
                    unixNs = ns;
                    source = TimestampSource.Software;
                }
            }
            control = control[consumed..];
        }
        return source != TimestampSource.None;
    }

    /// <summary>
    /// A TX stamp from an error-queue message: SCM_TIMESTAMPING plus IP_RECVERR/IPV6_RECVERR carrying a
    /// sock_extended_err with origin SO_EE_ORIGIN_TIMESTAMPING. False when either part is missing or malformed
    /// (for example an ICMP error that shares the queue).
    /// </summary>
    public static bool TryReadTransmit(ReadOnlySpan<byte> control, out TxTimestamp stamp)
    {
        stamp = default;
        long software = 0, hardware = 0;
        bool haveStamp = false, haveError = false;
        SockExtendedError error = default;
        while (ControlMessageReader.TryRead(control, out var message, out int consumed))
        {
            if (message.Level == SocketOptionNative.SOL_SOCKET && message.Type == SocketOptionNative.SCM_TIMESTAMPING)
            {
                haveStamp = ScmTimestamping.TryRead(message.Data, out software, out hardware);
            }
            else if ((message.Level == SocketOptionNative.SOL_IP && message.Type == SocketOptionNative.IP_RECVERR)
                || (message.Level == SocketOptionNative.SOL_IPV6 && message.Type == SocketOptionNative.IPV6_RECVERR))
            {
                haveError = SockExtendedError.TryRead(message.Data, out error) && error.IsTimestamp;
            }
            control = control[consumed..];
        }
        if (!haveStamp || !haveError || error.Info > (uint)TxTimestampKind.Acknowledged)
            return false;
        if (software != 0)
            stamp = new TxTimestamp(error.Data, software, TimestampSource.Software, (TxTimestampKind)error.Info);
        else if (hardware != 0)
            stamp = new TxTimestamp(error.Data, hardware, TimestampSource.Hardware, (TxTimestampKind)error.Info);
        else
            return false;
        return true;
    }
}
