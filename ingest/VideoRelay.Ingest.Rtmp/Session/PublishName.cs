namespace VideoRelay.Ingest.Rtmp.Session;

/// <summary>
/// Splits the publish name OBS/ffmpeg send (<c>{stream}?key={secret}&amp;…</c>, the "stream key" field) into the
/// stream name and the key.
/// </summary>
internal static class PublishName
{
    public const int MaxLength = 1024;

    public static bool TryParse(string publishName, out string streamName, out string? key)
    {
        streamName = string.Empty;
        key = null;
        if (publishName.Length == 0 || publishName.Length > MaxLength)
        {
            return false;
        }
        int query = publishName.IndexOf('?', StringComparison.Ordinal);
        streamName = query < 0 ? publishName : publishName[..query];
        if (query >= 0)
        {
            foreach (string pair in publishName[(query + 1)..].Split('&'))
            {
                if (pair.StartsWith("key=", StringComparison.Ordinal))
                {
                    key = Uri.UnescapeDataString(pair[4..]);
                }
            }
        }
        return streamName.Length > 0;
    }
}
