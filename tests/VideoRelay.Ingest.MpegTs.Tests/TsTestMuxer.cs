using System.Buffers.Binary;
using VideoRelay.Ingest.MpegTs.Aac;
using VideoRelay.Ingest.MpegTs.Pes;
using VideoRelay.Ingest.MpegTs.Psi;
using VideoRelay.Ingest.MpegTs.Ts;

namespace VideoRelay.Ingest.MpegTs.Tests;

/// <summary>A small hand-rolled TS muxer for building test streams: PAT, PMT, PES split into packets with stuffing.</summary>
internal sealed class TsTestMuxer
{
    public const int PmtPid = 0x1000;
    public const int VideoPid = 0x100;
    public const int AudioPid = 0x101;

    private readonly Dictionary<int, int> _cc = [];
    private readonly List<byte[]> _packets = [];

    public IReadOnlyList<byte[]> Packets => _packets;

    public byte[] ToArray() => _packets.SelectMany(p => p).ToArray();

    public void WritePat()
    {
        var body = new List<byte> { 0x00, 0xB0, 0, 0x00, 0x01, 0xC1, 0x00, 0x00 };
        body.AddRange([0x00, 0x01, (byte)(0xE0 | (PmtPid >> 8)), unchecked((byte)PmtPid)]);
        WriteSection(0, body);
    }

    public void WritePmt(params (byte Type, int Pid)[] streams)
    {
        var body = new List<byte> { 0x02, 0xB0, 0, 0x00, 0x01, 0xC1, 0x00, 0x00, (byte)(0xE0 | (VideoPid >> 8)), unchecked((byte)VideoPid), 0xF0, 0x00 };
        foreach ((byte type, int pid) in streams)
        {
            body.AddRange([type, (byte)(0xE0 | pid >> 8), (byte)pid, 0xF0, 0x00]);
        }
        WriteSection(PmtPid, body);
    }

    public void WriteStandardTables()
    {
        WritePat();
        WritePmt((ProgramMapTable.StreamTypeH264, VideoPid), (ProgramMapTable.StreamTypeAdts, AudioPid));
    }

    /// <summary>Writes one PES (video: unbounded length) split into packets; the last one stuffed.</summary>
    public void WritePes(int pid, int streamId, long pts, long dts, ReadOnlySpan<byte> payload, bool bounded, bool randomAccess = false, long pcr = -1)
    {
        var header = new PesHeader { StreamId = streamId, Pts = pts, Dts = dts };
        Span<byte> h = stackalloc byte[PesHeader.MaxSize];
        header.TryWrite(h, out int hl);
        byte[] pes = new byte[hl + payload.Length];
        h[..hl].CopyTo(pes);
        payload.CopyTo(pes.AsSpan(hl));
        if (bounded)
        {
            BinaryPrimitives.WriteUInt16BigEndian(pes.AsSpan(4), (ushort)(pes.Length - 6));
        }
        WriteUnit(pid, pes, randomAccess, pcr);
    }

    public void WriteVideo(long pts, long dts, byte[] annexB, bool keyframe = false) =>
        WritePes(VideoPid, 0xE0, pts, dts, annexB, bounded: false, randomAccess: keyframe, pcr: keyframe ? dts * 300 : -1);

    public void WriteAudio(long pts, params byte[][] rawFrames)
    {
        var adts = new List<byte>();
        foreach (byte[] raw in rawFrames)
        {
            byte[] hdr = new byte[7];
            AdtsHeader.TryWrite(hdr, 2, 3, 2, raw.Length, out _); // AAC-LC, 48 kHz, stereo
            adts.AddRange(hdr);
            adts.AddRange(raw);
        }
        WritePes(AudioPid, 0xC0, pts, -1, adts.ToArray(), bounded: true);
    }

    /// <summary>Writes an adaptation-field-only packet (no payload, CC unchanged).</summary>
    public void WriteAdaptationOnly(int pid)
    {
        byte[] p = new byte[188];
        new TsPacketHeader { Pid = pid, HasAdaptationField = true, ContinuityCounter = _cc.GetValueOrDefault(pid, 15) }.TryWrite(p, out _);
        p[4] = 183;
        p[5] = 0x00;
        p.AsSpan(6).Fill(0xFF);
        _packets.Add(p);
    }

    private void WriteSection(int pid, List<byte> body)
    {
        int sectionLength = body.Count - 3 + 4;
        body[1] = (byte)(0xB0 | sectionLength >> 8);
        body[2] = (byte)sectionLength;
        byte[] section = new byte[body.Count + 4];
        body.CopyTo(section);
        BinaryPrimitives.WriteUInt32BigEndian(section.AsSpan(body.Count), Crc32Mpeg2.Compute(section.AsSpan(0, body.Count)));
        byte[] unit = new byte[1 + section.Length];
        section.CopyTo(unit, 1);
        WriteUnit(pid, unit, false, -1, psi: true);
    }

    private void WriteUnit(int pid, ReadOnlySpan<byte> unit, bool randomAccess, long pcr, bool psi = false)
    {
        bool first = true;
        while (!unit.IsEmpty || first)
        {
            byte[] p = new byte[188];
            int cc = (_cc.GetValueOrDefault(pid, 15) + 1) & 0x0F;
            _cc[pid] = cc;
            int afNeeded = first && (randomAccess || pcr >= 0) ? 2 + (pcr >= 0 ? 6 : 0) : 0;
            int room = 184 - afNeeded;
            int take = Math.Min(room, unit.Length);
            int afLength = 184 - take; // total adaptation bytes including the length byte
            if (psi && afLength > 0)
            {
                // PSI pads with 0xFF after the section instead of an adaptation field.
                afLength = afNeeded;
            }
            new TsPacketHeader { Pid = pid, PayloadUnitStart = first, HasAdaptationField = afLength > 0, HasPayload = true, ContinuityCounter = cc }.TryWrite(p, out _);
            int o = 4;
            if (afLength > 0)
            {
                p[4] = (byte)(afLength - 1);
                if (afLength > 1)
                {
                    p[5] = (byte)((randomAccess && first ? 0x40 : 0) | (pcr >= 0 && first ? 0x10 : 0));
                    int q = 6;
                    if (pcr >= 0 && first)
                    {
                        long b = pcr / 300, e = pcr % 300;
                        p[6] = (byte)(b >> 25);
                        p[7] = (byte)(b >> 17);
                        p[8] = (byte)(b >> 9);
                        p[9] = (byte)(b >> 1);
                        p[10] = (byte)((int)(b & 1) << 7 | 0x7E | (int)(e >> 8));
                        p[11] = (byte)e;
                        q = 12;
                    }
                    p.AsSpan(q, 4 + afLength - q).Fill(0xFF);
                }
                o += afLength;
            }
            unit[..take].CopyTo(p.AsSpan(o));
            if (psi)
            {
                p.AsSpan(o + take).Fill(0xFF);
            }
            unit = unit[take..];
            first = false;
            _packets.Add(p);
        }
    }
}
