using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using VideoRelay.WebRtc.Sdp;

namespace VideoRelay.WebRtc.Ice.Tests;

/// <summary>
/// Headless Chromium offers (video + audio recvonly) over a local WHEP-like POST; we answer with
/// <see cref="WhepAnswerBuilder"/> and answer its STUN checks with <see cref="IceLiteAgent{TSession}"/> on a
/// loopback UDP socket. Chromium must reach iceConnectionState "connected", nominate with USE-CANDIDATE,
/// and then start DTLS towards us (we answered a=setup:passive). No DTLS server here, so it stops there.
/// </summary>
public sealed class ChromiumIceLiteTests
{
    private const string Chromium = "/usr/bin/chromium";

    private const string Page = """
        <!doctype html><html><body><pre id="out">pending</pre><script>
        (async () => {
          const out = document.getElementById('out');
          const log = [];
          try {
            const pc = new RTCPeerConnection();
            pc.oniceconnectionstatechange = () => log.push('ice:' + pc.iceConnectionState);
            pc.addTransceiver('video', {direction: 'recvonly'});
            pc.addTransceiver('audio', {direction: 'recvonly'});
            await pc.setLocalDescription(await pc.createOffer());
            const res = await fetch('BASE/whep', {method: 'POST', body: pc.localDescription.sdp, headers: {'Content-Type': 'application/sdp'}});
            await pc.setRemoteDescription({type: 'answer', sdp: await res.text()});
            await fetch('BASE/wait'); // real time passes here: virtual time stands still while a fetch is pending
            out.textContent = 'DONE ' + log.join(' ');
          } catch (e) { out.textContent = 'ERR ' + e + ' ' + log.join(' '); }
        })();
        </script></body></html>
        """;

    [Fact]
    [Trait("Category", "EndToEnd")]
    public async Task Chromium_connects_to_the_ice_lite_agent()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is required for this EndToEnd test");
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int udpPort = ((IPEndPoint)udp.LocalEndPoint!).Port;
        int httpPort = FreeTcpPort();
        using var http = new HttpListener();
        http.Prefixes.Add($"http://127.0.0.1:{httpPort}/");
        http.Start();

        var table = new IceCredentialTable<string>();
        var agent = new IceLiteAgent<string>(table);
        IceCredentials local = IceCredentials.Generate();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        int successes = 0, nominations = 0, dtls = 0, other = 0;

        Task udpLoop = Task.Run(async () =>
        {
            var buffer = new byte[2048];
            var response = new byte[IceLiteAgent<string>.MaxResponseSize];
            EndPoint any = new IPEndPoint(IPAddress.Any, 0);
            while (!cts.IsCancellationRequested)
            {
                SocketReceiveFromResult r;
                try
                {
                    r = await udp.ReceiveFromAsync(buffer, SocketFlags.None, any, cts.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                ReadOnlyMemory<byte> datagram = buffer.AsMemory(0, r.ReceivedBytes);
                switch (DatagramClassifier.Classify(datagram.Span))
                {
                    case DatagramKind.Stun:
                        IceCheckResult<string> result = agent.Process(datagram.Span, (IPEndPoint)r.RemoteEndPoint, response);
                        if (result.Outcome == IceCheckOutcome.Success)
                        {
                            Interlocked.Increment(ref successes);
                            if (result.UseCandidate)
                            {
                                Interlocked.Increment(ref nominations);
                            }
                        }
                        if (result.ResponseLength > 0)
                        {
                            await udp.SendToAsync(response.AsMemory(0, result.ResponseLength), SocketFlags.None, r.RemoteEndPoint);
                        }
                        break;
                    case DatagramKind.Dtls:
                        Interlocked.Increment(ref dtls);
                        break;
                    default:
                        Interlocked.Increment(ref other);
                        break;
                }
            }
        });

        Task httpLoop = Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
            {
                HttpListenerContext ctx = await http.GetContextAsync().WaitAsync(cts.Token);
                ctx.Response.AddHeader("Access-Control-Allow-Origin", "*");
                switch (ctx.Request.HttpMethod, ctx.Request.Url!.AbsolutePath)
                {
                    case ("OPTIONS", _):
                        ctx.Response.AddHeader("Access-Control-Allow-Headers", "Content-Type");
                        ctx.Response.AddHeader("Access-Control-Allow-Methods", "POST, GET");
                        ctx.Response.StatusCode = 204;
                        break;
                    case ("POST", "/whep"):
                        string offerText = await new StreamReader(ctx.Request.InputStream).ReadToEndAsync();
                        WhepAnswer answer = WhepAnswerBuilder.Build(SdpParser.Parse(offerText), new WhepLocalParameters
                        {
                            IceUfrag = local.Ufrag,
                            IcePwd = local.Password,
                            Fingerprint = new DtlsFingerprint("sha-256", new byte[32]),
                            CandidateAddress = "127.0.0.1",
                            CandidatePort = udpPort,
                            Video = new LocalTrack(1111, "cname", "stream", "video"),
                            Audio = new LocalTrack(2222, "cname", "stream", "audio"),
                        });
                        table.TryAdd(new IceLocalCredential<string>(local.Ufrag, local.Password, "viewer", answer.Session.RemoteIceUfrag));
                        byte[] body = Encoding.UTF8.GetBytes(answer.Sdp);
                        ctx.Response.StatusCode = 201;
                        ctx.Response.ContentType = "application/sdp";
                        await ctx.Response.OutputStream.WriteAsync(body, cts.Token);
                        break;
                    default:
                        // "/wait": hold the page for a few real seconds while ICE runs.
                        for (int i = 0; i < 50 && Volatile.Read(ref dtls) == 0; i++)
                        {
                            await Task.Delay(100, cts.Token);
                        }
                        ctx.Response.StatusCode = 200;
                        break;
                }
                ctx.Response.Close();
            }
        });

        string dir = Directory.CreateTempSubdirectory("vr-ice-e2e").FullName;
        try
        {
            string page = Path.Combine(dir, "ice.html");
            await File.WriteAllTextAsync(page, Page.Replace("BASE", $"http://127.0.0.1:{httpPort}", StringComparison.Ordinal));
            var psi = new ProcessStartInfo(Chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string a in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                $"--user-data-dir={Path.Combine(dir, "profile")}", "--virtual-time-budget=15000", "--dump-dom", "file://" + page,
            })
            {
                psi.ArgumentList.Add(a);
            }
            using Process chromium = Process.Start(psi)!;
            Task<string> stdout = chromium.StandardOutput.ReadToEndAsync(cts.Token);
            _ = chromium.StandardError.ReadToEndAsync(cts.Token);
            await chromium.WaitForExitAsync(cts.Token);
            string dom = await stdout;

            Assert.Contains("DONE", dom, StringComparison.Ordinal);
            Assert.Contains("ice:connected", dom, StringComparison.Ordinal);
            Assert.True(successes > 0, "no successful Binding check");
            Assert.True(nominations > 0, "Chromium never sent USE-CANDIDATE");
            Assert.True(dtls > 0, "Chromium did not start DTLS as the client");
        }
        finally
        {
            await cts.CancelAsync();
            http.Stop();
            udp.Close();
            await Task.WhenAny(Task.WhenAll(udpLoop, httpLoop), Task.Delay(2000));
            Directory.Delete(dir, recursive: true);
        }
    }

    private static int FreeTcpPort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
