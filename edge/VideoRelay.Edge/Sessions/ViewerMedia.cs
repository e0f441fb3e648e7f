namespace VideoRelay.Edge.Sessions;

/// <summary>What the offer/answer settled for one viewer: payload types, mids, header-extension ids, the peer's credentials.</summary>
internal sealed record ViewerMedia(
    int VideoPayloadType,
    int AudioPayloadType,
    int TransportCcExtensionId,
    int PlayoutDelayExtensionId,
    int AbsSendTimeExtensionId,
    string RemoteUfrag,
    string RemotePassword,
    byte[] RemoteFingerprintSha256)
{
    public bool HasVideo => VideoPayloadType >= 0;
    public bool HasAudio => AudioPayloadType >= 0;
}
