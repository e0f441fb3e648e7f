namespace VideoRelay.Core.Net;

/// <summary>
/// One transmit timestamp from the socket's error queue. <see cref="Id"/> is the SOF_TIMESTAMPING_OPT_ID key:
/// for UDP the index of the datagram since timestamping was enabled (0, 1, 2 …, the same number
/// <see cref="TimestampedUdp.Send"/> returns); for TCP the byte offset of the send's last byte since enabling.
/// </summary>
public readonly record struct TxTimestamp(uint Id, long UnixNs, TimestampSource Source, TxTimestampKind Kind);
