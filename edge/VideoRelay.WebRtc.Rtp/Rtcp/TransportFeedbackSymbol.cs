namespace VideoRelay.WebRtc.Rtp.Rtcp;

/// <summary>Packet status symbols of transport-wide CC feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1.1).</summary>
public enum TransportFeedbackSymbol : byte
{
    NotReceived = 0,

    /// <summary>Received; its receive delta is one unsigned byte (0–63.75 ms).</summary>
    SmallDelta = 1,

    /// <summary>Received; its receive delta is two signed bytes.</summary>
    LargeDelta = 2,
}
