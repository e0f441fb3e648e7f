namespace VideoRelay.TestSource;

/// <summary>
/// H.264 emulation prevention (ITU-T H.264 7.4.1): inside a NAL unit, the byte sequences 00 00 00, 00 00 01,
/// 00 00 02 and 00 00 03 never appear; the writer inserts 0x03 after two zero bytes when the next byte is ≤ 3,
/// and the reader drops a 0x03 that follows two zero bytes.
/// </summary>
internal static class EmulationPrevention
{
    /// <summary>RBSP → NAL payload. False if <paramref name="destination"/> is too small.</summary>
    public static bool TryEscape(ReadOnlySpan<byte> rbsp, Span<byte> destination, out int written)
    {
        written = 0;
        int zeros = 0;
        foreach (byte b in rbsp)
        {
            if (zeros >= 2 && b <= 3)
            {
                if (written >= destination.Length)
                    return false;
                destination[written++] = 0x03;
                zeros = 0;
            }
            if (written >= destination.Length)
                return false;
            destination[written++] = b;
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return true;
    }

    /// <summary>NAL payload → RBSP, stopping when <paramref name="destination"/> is full. Returns the bytes written.</summary>
    public static int Unescape(ReadOnlySpan<byte> escaped, Span<byte> destination)
    {
        int written = 0, zeros = 0;
        foreach (byte b in escaped)
        {
            if (zeros >= 2 && b == 0x03)
            {
                zeros = 0;
                continue;
            }
            if (written >= destination.Length)
                break;
            destination[written++] = b;
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return written;
    }
}
