namespace VideoRelay.Ingest.Srt.Interop;

/// <summary>SRT_SOCKOPT values used here (srt.h, libsrt 1.5).</summary>
internal enum SrtOption
{
    RcvSyn = 2,
    RcvTimeout = 14,
    Latency = 23,
    Passphrase = 26,
    PbKeyLen = 27,
    KmState = 28,
    RcvKmState = 41,
    RcvLatency = 43,
    PeerLatency = 44,
    StreamId = 46,
    PayloadSize = 49,
    TransType = 50,
    EnforcedEncryption = 53,
    PeerIdleTimeout = 55,
}
