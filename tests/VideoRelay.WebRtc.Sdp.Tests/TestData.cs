namespace VideoRelay.WebRtc.Sdp.Tests;

internal static class TestData
{
    public static readonly DtlsFingerprint ServerFingerprint = new("sha-256", Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray());

    public static string Offer(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Offers", file));

    public static WhepLocalParameters Local(bool rtx = true) => new()
    {
        IceUfrag = "edgeUfrg",
        IcePwd = "edgePassword0123456789+/",
        Fingerprint = ServerFingerprint,
        CandidateAddress = "192.0.2.10",
        CandidatePort = 8443,
        Video = new LocalTrack(0x11111111, "relaycname", "live", "video0", rtx ? 0x22222222u : null),
        Audio = new LocalTrack(0x33333333, "relaycname", "live", "audio0"),
        SessionId = 1234567890,
    };

    /// <summary>A minimal offer with one video section whose H.264 lines are supplied by the test.</summary>
    public static string VideoOffer(string formats, params string[] codecLines) =>
        string.Join("\r\n",
        [
            "v=0",
            "o=- 1 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0",
            $"m=video 9 UDP/TLS/RTP/SAVPF {formats}",
            "c=IN IP4 0.0.0.0",
            "a=ice-ufrag:abcd",
            "a=ice-pwd:abcdefghijklmnopqrstuvwx",
            "a=fingerprint:sha-256 " + string.Join(':', Enumerable.Repeat("AB", 32)),
            "a=setup:actpass",
            "a=mid:0",
            "a=recvonly",
            "a=rtcp-mux",
            .. codecLines,
        ]) + "\r\n";
}
