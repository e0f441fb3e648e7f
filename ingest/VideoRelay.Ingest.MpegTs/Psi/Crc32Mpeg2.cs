namespace VideoRelay.Ingest.MpegTs.Psi;

/// <summary>
/// CRC-32/MPEG-2 (polynomial 0x04C11DB7, init 0xFFFFFFFF, not reflected, no final xor) over PSI sections.
/// Running it over a whole section including its CRC_32 field yields 0. System.IO.Hashing only ships the
/// reflected CRC-32, so this small table-driven one lives here.
/// </summary>
internal static class Crc32Mpeg2
{
    private static readonly uint[] s_table = CreateTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc = crc << 8 ^ s_table[(crc >> 24 ^ b) & 0xFF];
        }
        return crc;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i << 24;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 0x80000000) != 0 ? c << 1 ^ 0x04C11DB7 : c << 1;
            }
            table[i] = c;
        }
        return table;
    }
}
