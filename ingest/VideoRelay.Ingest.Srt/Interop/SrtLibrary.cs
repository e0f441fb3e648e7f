namespace VideoRelay.Ingest.Srt.Interop;

/// <summary>Reference-counted srt_startup / srt_cleanup, so several listeners can live in one process.</summary>
internal static class SrtLibrary
{
    private static readonly Lock s_lock = new();
    private static int s_users;

    public static void Acquire()
    {
        lock (s_lock)
        {
            if (s_users++ == 0 && SrtNative.srt_startup() < 0)
            {
                s_users--;
                throw new InvalidOperationException($"srt_startup failed: {SrtNative.LastError()}");
            }
        }
    }

    public static void Release()
    {
        lock (s_lock)
        {
            if (--s_users == 0)
            {
                SrtNative.srt_cleanup();
            }
        }
    }
}
