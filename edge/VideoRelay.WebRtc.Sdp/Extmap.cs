namespace VideoRelay.WebRtc.Sdp;

/// <summary><c>a=extmap:&lt;id&gt;[/&lt;direction&gt;] &lt;uri&gt; [&lt;attributes&gt;]</c> (RFC 8285 §8).</summary>
public sealed record Extmap(int Id, string? Direction, string Uri)
{
    internal static Extmap? TryParse(string value)
    {
        string[] parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            return null;
        }
        string idPart = parts[0];
        string? direction = null;
        int slash = idPart.IndexOf('/');
        if (slash >= 0)
        {
            direction = idPart[(slash + 1)..];
            idPart = idPart[..slash];
            if (direction is not ("sendrecv" or "sendonly" or "recvonly" or "inactive"))
            {
                return null;
            }
        }
        // 1–14 one-byte, 15 reserved, 16–255 two-byte (RFC 8285 §4.2, §4.3).
        if (!int.TryParse(idPart, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int id)
            || id is < 1 or > 255 || id == 15)
        {
            return null;
        }
        return new Extmap(id, direction, parts[1]);
    }
}
