using System.Net;
using System.Net.Sockets;
using System.Text;
using VideoRelay.WebRtc.Dtls;
using VideoRelay.WebRtc.Ice;
using VideoRelay.WebRtc.Sdp;
using SdpFingerprint = VideoRelay.WebRtc.Sdp.DtlsFingerprint;

namespace VideoRelay.Edge.Tests;

/// <summary>Viewers that never finish connecting are freed after <see cref="EdgeOptions.ConnectTimeoutSeconds"/>.</summary>
public class SessionTimeoutTests
{
    [Theory]
    [InlineData(true)]  // ICE succeeds, then no ClientHello ever comes
    [InlineData(false)] // not even an ICE check
    public async Task A_stalled_connection_is_freed_after_the_connect_timeout(bool completeIce)
    {
        await using EdgeHarness h = await EdgeHarness.StartAsync(o => o.ConnectTimeoutSeconds = 1);
        h.AddStream("stall");
        IceCredentials local = IceCredentials.Generate();
        DtlsCertificate certificate = DtlsCertificate.Generate("stalling viewer");
        string offer = WhepOfferBuilder.Build(local.Ufrag, local.Password, new SdpFingerprint("sha-256", certificate.Sha256.Span));
        using HttpResponseMessage response = await h.Http.PostAsync("whep/stall", new StringContent(offer, Encoding.UTF8, "application/sdp"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        RemoteAnswer answer = RemoteAnswer.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1, h.Edge.ViewerCount);
        Assert.Single(h.Edge.Fanouts);

        if (completeIce)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            socket.ReceiveTimeout = 2000;
            var ice = new IceControllingClient(local.Ufrag, answer.IceUfrag, answer.IcePwd);
            byte[] request = new byte[256];
            Assert.True(ice.TryWriteBindingRequest(request, 1_000_000, useCandidate: true, out StunTransactionId id, out int length));
            socket.SendTo(request.AsSpan(0, length), SocketFlags.None, h.Edge.UdpEndPoint);
            byte[] reply = new byte[1500];
            int n = socket.Receive(reply);
            Assert.Equal(IceResponseStatus.Success, ice.ValidateResponse(reply.AsSpan(0, n), id, out IPEndPoint? mapped, out _));
            Assert.Equal(((IPEndPoint)socket.LocalEndPoint!).Port, mapped!.Port);
            Assert.True(await EdgeHarness.WaitUntilAsync(() => h.Edge.ViewerCount == 0, TimeSpan.FromSeconds(5)));
        }
        else
        {
            Assert.True(await EdgeHarness.WaitUntilAsync(() => h.Edge.ViewerCount == 0, TimeSpan.FromSeconds(5)));
        }

        Assert.Equal(1, Interlocked.Read(ref h.Edge.Counters.SessionsClosed));
        Assert.True(await EdgeHarness.WaitUntilAsync(() => !h.Edge.Fanouts.Any(), TimeSpan.FromSeconds(5)), "the idle fan-out is disposed");
        Uri location = response.Headers.Location!;
        using HttpResponseMessage delete = await h.Http.DeleteAsync(location.IsAbsoluteUri ? location : new Uri(h.BaseUrl, location));
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
    }
}
