using System.Security.Cryptography;
using VideoRelay.Relay.Protocol;

namespace VideoRelay.Relay.Transport;

/// <summary>
/// HELLO ⇄ HELLO, then AUTH (client) → AUTH (server): mutual proof of the cluster secret (see <see cref="AuthMessage"/>).
/// Every failure throws <see cref="RelayProtocolException"/> after telling the peer with ERROR where that makes sense.
/// </summary>
internal static class RelayHandshake
{
    /// <summary>Client side; returns the server's node name.</summary>
    public static string RunClient(RelaySocket socket, byte[] secret, string nodeName)
    {
        byte[] clientNonce = RandomNumberGenerator.GetBytes(HelloMessage.NonceSize);
        socket.Send(new HelloMessage(HelloMessage.CurrentVersion, HelloMessage.CapabilityTiming, clientNonce, nodeName));
        HelloMessage hello = ReadHello(socket);
        if (hello.Version != HelloMessage.CurrentVersion)
        {
            socket.TrySendError(RelayMessageType.Error, 0, RelayErrorCode.Version, $"version {hello.Version} is not supported (this node speaks {HelloMessage.CurrentVersion})");
            throw new RelayProtocolException(RelayErrorCode.Version, $"server speaks relay version {hello.Version}");
        }
        socket.Send(new AuthMessage(AuthMessage.ClientProof(secret, hello.Nonce, clientNonce)));
        AuthMessage auth = ReadAuth(socket);
        if (!AuthMessage.Verify(AuthMessage.ServerProof(secret, hello.Nonce, clientNonce), auth.Proof))
        {
            socket.TrySendError(RelayMessageType.Error, 0, RelayErrorCode.AuthFailed, "the server did not prove the cluster secret");
            throw new RelayProtocolException(RelayErrorCode.AuthFailed, $"server '{hello.NodeName}' did not prove the cluster secret");
        }
        return hello.NodeName;
    }

    /// <summary>Server side; returns the client's node name.</summary>
    public static string RunServer(RelaySocket socket, byte[] secret, string nodeName)
    {
        HelloMessage hello = ReadHello(socket);
        if (hello.Version != HelloMessage.CurrentVersion)
        {
            socket.TrySendError(RelayMessageType.Error, 0, RelayErrorCode.Version, $"version {hello.Version} is not supported (this node speaks {HelloMessage.CurrentVersion})");
            throw new RelayProtocolException(RelayErrorCode.Version, $"client speaks relay version {hello.Version}");
        }
        byte[] serverNonce = RandomNumberGenerator.GetBytes(HelloMessage.NonceSize);
        socket.Send(new HelloMessage(HelloMessage.CurrentVersion, HelloMessage.CapabilityTiming, serverNonce, nodeName));
        AuthMessage auth = ReadAuth(socket);
        if (!AuthMessage.Verify(AuthMessage.ClientProof(secret, serverNonce, hello.Nonce), auth.Proof))
        {
            socket.TrySendError(RelayMessageType.Error, 0, RelayErrorCode.AuthFailed, "wrong cluster secret");
            throw new RelayProtocolException(RelayErrorCode.AuthFailed, $"client '{hello.NodeName}' did not prove the cluster secret");
        }
        socket.Send(new AuthMessage(AuthMessage.ServerProof(secret, serverNonce, hello.Nonce)));
        return hello.NodeName;
    }

    private static HelloMessage ReadHello(RelaySocket socket)
    {
        ReadOnlySpan<byte> body = ReadExpected(socket, RelayMessageType.Hello);
        if (!HelloMessage.TryRead(body, out HelloMessage hello, out _))
        {
            socket.TrySendError(RelayMessageType.Error, 0, RelayErrorCode.Protocol, "malformed HELLO (not a VRLY peer?)");
            throw new RelayProtocolException(RelayErrorCode.Protocol, "malformed HELLO");
        }
        return hello;
    }

    private static AuthMessage ReadAuth(RelaySocket socket)
    {
        ReadOnlySpan<byte> body = ReadExpected(socket, RelayMessageType.Auth);
        if (!AuthMessage.TryRead(body, out AuthMessage auth, out _))
        {
            socket.TrySendError(RelayMessageType.Error, 0, RelayErrorCode.Protocol, "malformed AUTH");
            throw new RelayProtocolException(RelayErrorCode.Protocol, "malformed AUTH");
        }
        return auth;
    }

    private static ReadOnlySpan<byte> ReadExpected(RelaySocket socket, RelayMessageType expected)
    {
        RelayMessageHeader header;
        try
        {
            header = socket.ReadHeader();
        }
        catch (RelayProtocolException e)
        {
            socket.TrySendError(RelayMessageType.Error, 0, e.Code, e.Message);
            throw;
        }
        if (header.Type is RelayMessageType.Error or RelayMessageType.Close)
        {
            ReadOnlySpan<byte> error = socket.ReadControlBody(header);
            ErrorMessage.TryRead(header.Type, error, out ErrorMessage m, out _);
            throw new RelayProtocolException(m.Code == RelayErrorCode.None ? RelayErrorCode.Protocol : m.Code, $"peer refused: {m.Text}", fromPeer: true);
        }
        if (header.Type != expected)
        {
            socket.TrySendError(RelayMessageType.Error, 0, RelayErrorCode.Protocol, $"expected {expected}, got {header.Type}");
            throw new RelayProtocolException(RelayErrorCode.Protocol, $"expected {expected}, got {header.Type}");
        }
        return socket.ReadControlBody(header);
    }
}
