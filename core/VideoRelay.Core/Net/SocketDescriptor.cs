using System.Net.Sockets;

namespace VideoRelay.Core.Net;

/// <summary>
/// Holds a reference on a socket's handle so its file descriptor stays valid (not closed and reused)
/// while native calls use it; released by <see cref="Dispose"/>.
/// </summary>
internal sealed class SocketDescriptor : IDisposable
{
    private readonly SafeSocketHandle _handle;
    private int _released;

    public SocketDescriptor(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        _handle = socket.SafeHandle;
        bool added = false;
        _handle.DangerousAddRef(ref added);
        Fd = (int)_handle.DangerousGetHandle();
    }

    public int Fd { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
            _handle.DangerousRelease();
    }
}
