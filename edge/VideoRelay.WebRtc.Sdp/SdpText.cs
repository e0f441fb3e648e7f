using System.Globalization;

namespace VideoRelay.WebRtc.Sdp;

/// <summary>Small parsing helpers shared by the SDP line types.</summary>
internal static class SdpText
{
    public static bool TryParsePayloadType(ReadOnlySpan<char> s, out int pt) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out pt) && pt is >= 0 and <= 127;

    public static bool TryParsePort(ReadOnlySpan<char> s, out int port) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 0 and <= 65535;

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Invariant(uint value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Printable ASCII without spaces, as ice-char, token and mid values are.</summary>
    public static bool IsToken(string s)
    {
        if (s.Length == 0)
        {
            return false;
        }
        foreach (char c in s)
        {
            if (c is <= ' ' or > '~')
            {
                return false;
            }
        }
        return true;
    }
}
