using System.Diagnostics;
using System.Runtime.InteropServices;

namespace VideoRelay.MultiHost.Tests.Agent;

/// <summary>
/// A userspace stand-in for <c>tc netem</c> (this machine's kernel is built without sch_netem): the router namespace
/// routes every packet between the origin and the edges into a TUN device; this reads each one, drops it with
/// probability <c>loss</c> (Bernoulli, seeded), else writes it back after <c>delay</c>, and the kernel routes it on.
/// Both directions pass, so each gets the delay and the loss, as netem on both ends of a link would give.
/// </summary>
internal sealed partial class TunWire : IDisposable
{
    private const int ORdWr = 2;
    private const uint TunSetIff = 0x400454CA; // _IOW('T', 202, int)
    private const short IffTun = 0x0001;
    private const short IffNoPi = 0x1000;
    private const int MaxPacket = 65536;

    private readonly int _fd;
    private readonly Queue<(long Due, byte[] Packet, int Length)> _queue = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Random _random = new(8);
    private long _delayTicks;
    private double _loss;
    private long _forwarded;
    private long _dropped;
    private volatile bool _stopping;

    public TunWire(string device)
    {
        _fd = open("/dev/net/tun", ORdWr);
        if (_fd < 0)
        {
            throw new IOException($"open /dev/net/tun failed: errno {Marshal.GetLastPInvokeError()}");
        }
        var req = new IfReq { Flags = IffTun | IffNoPi };
        req.SetName(device);
        if (ioctl(_fd, TunSetIff, ref req) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            close(_fd);
            throw new IOException($"TUNSETIFF {device} failed: errno {errno}");
        }
        new Thread(ReadLoop) { IsBackground = true, Name = "wire-read" }.Start();
        new Thread(WriteLoop) { IsBackground = true, Name = "wire-write" }.Start();
    }

    public long Forwarded => Interlocked.Read(ref _forwarded);
    public long Dropped => Interlocked.Read(ref _dropped);

    public void SetImpairment(TimeSpan delay, double loss)
    {
        Volatile.Write(ref _delayTicks, (long)(delay.TotalSeconds * Stopwatch.Frequency));
        Volatile.Write(ref _loss, loss);
    }

    private unsafe void ReadLoop()
    {
        byte[] buffer = new byte[MaxPacket];
        while (!_stopping)
        {
            nint n;
            fixed (byte* p = buffer)
            {
                n = read(_fd, p, MaxPacket);
            }
            if (n <= 0)
            {
                if (_stopping)
                {
                    return;
                }
                continue;
            }
            double loss = Volatile.Read(ref _loss);
            if (loss > 0 && _random.NextDouble() < loss)
            {
                Interlocked.Increment(ref _dropped);
                continue;
            }
            long delay = Volatile.Read(ref _delayTicks);
            lock (_queue)
            {
                if (delay == 0 && _queue.Count == 0)
                {
                    Write(buffer, (int)n);
                    continue;
                }
                _queue.Enqueue((Stopwatch.GetTimestamp() + delay, buffer.AsSpan(0, (int)n).ToArray(), (int)n));
            }
            _signal.Release();
        }
    }

    private void WriteLoop()
    {
        while (!_stopping)
        {
            _signal.Wait();
            (long due, byte[] packet, int length) item;
            lock (_queue)
            {
                if (!_queue.TryDequeue(out item))
                {
                    continue;
                }
            }
            long wait = item.due - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                Thread.Sleep(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
            }
            lock (_queue)
            {
                Write(item.packet, item.length);
            }
        }
    }

    private unsafe void Write(byte[] packet, int length)
    {
        fixed (byte* p = packet)
        {
            write(_fd, p, length);
        }
        Interlocked.Increment(ref _forwarded);
    }

    public void Dispose()
    {
        _stopping = true;
        close(_fd);
    }

    [StructLayout(LayoutKind.Sequential, Size = 40)]
    private unsafe struct IfReq
    {
        public fixed byte Name[16];
        public short Flags;

        public void SetName(string name)
        {
            for (int i = 0; i < name.Length && i < 15; i++)
            {
                Name[i] = (byte)name[i];
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int ioctl(int fd, nuint request, ref IfReq req);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint write(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int close(int fd);
}
