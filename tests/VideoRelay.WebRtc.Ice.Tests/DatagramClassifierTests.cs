namespace VideoRelay.WebRtc.Ice.Tests;

public sealed class DatagramClassifierTests
{
    [Theory]
    [InlineData(new byte[] { }, DatagramKind.Unknown)]
    [InlineData(new byte[] { 0, 1 }, DatagramKind.Stun)]
    [InlineData(new byte[] { 3 }, DatagramKind.Stun)]
    [InlineData(new byte[] { 4 }, DatagramKind.Unknown)]
    [InlineData(new byte[] { 16 }, DatagramKind.Unknown)]   // ZRTP
    [InlineData(new byte[] { 20 }, DatagramKind.Dtls)]      // change_cipher_spec
    [InlineData(new byte[] { 22, 0xFE, 0xFD }, DatagramKind.Dtls)] // handshake
    [InlineData(new byte[] { 23 }, DatagramKind.Dtls)]      // application_data
    [InlineData(new byte[] { 63 }, DatagramKind.Dtls)]
    [InlineData(new byte[] { 64 }, DatagramKind.Unknown)]   // TURN channel
    [InlineData(new byte[] { 127 }, DatagramKind.Unknown)]
    [InlineData(new byte[] { 128 }, DatagramKind.Unknown)]  // too short to tell RTP from RTCP
    [InlineData(new byte[] { 0x80, 96 }, DatagramKind.Rtp)]
    [InlineData(new byte[] { 0x80, 96 | 0x80 }, DatagramKind.Rtp)] // marker set, PT 96 → 224
    [InlineData(new byte[] { 0x80, 111 }, DatagramKind.Rtp)]
    [InlineData(new byte[] { 0x80, 191 }, DatagramKind.Rtp)]
    [InlineData(new byte[] { 0x80, 192 }, DatagramKind.Rtcp)]
    [InlineData(new byte[] { 0x80, 200 }, DatagramKind.Rtcp)] // SR
    [InlineData(new byte[] { 0x81, 201 }, DatagramKind.Rtcp)] // RR
    [InlineData(new byte[] { 0x8F, 205 }, DatagramKind.Rtcp)] // RTPFB (NACK, TWCC)
    [InlineData(new byte[] { 0x81, 206 }, DatagramKind.Rtcp)] // PSFB (PLI, REMB)
    [InlineData(new byte[] { 0x80, 223 }, DatagramKind.Rtcp)]
    [InlineData(new byte[] { 191, 0 }, DatagramKind.Rtp)]
    [InlineData(new byte[] { 192, 200 }, DatagramKind.Unknown)]
    [InlineData(new byte[] { 255 }, DatagramKind.Unknown)]
    public void Follows_rfc7983_and_rfc5761(byte[] datagram, DatagramKind expected)
    {
        Assert.Equal(expected, DatagramClassifier.Classify(datagram));
    }

    [Fact]
    public void Rfc5769_request_is_stun()
    {
        Assert.Equal(DatagramKind.Stun, DatagramClassifier.Classify(Rfc5769Vectors.Request));
    }
}
