using System.Diagnostics.CodeAnalysis;

namespace VideoRelay.Core.Net;

/// <summary>Throws kept out of the socket hot paths.</summary>
internal static class NetThrowHelper
{
    [DoesNotReturn]
    public static void AddressTooSmall(string name, int needed) =>
        throw new ArgumentException($"The SocketAddress holds fewer than the {needed} bytes of the peer's sockaddr; create it for the socket's address family.", name);
}
