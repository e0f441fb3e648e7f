namespace VideoRelay.Ingest.MpegTs.Tests;

/// <summary>Shared vectors and a synthetic stream with known content.</summary>
internal static class TestStreams
{
    /// <summary>x264 (ffmpeg 5.1) SPS, Constrained Baseline, 640×360 (cropped from 368), 30 fps.</summary>
    public static readonly byte[] Sps640x360 = Convert.FromHexString("6742C01EDA0280BFE5C04400000300040000030 0F23C58BA80".Replace(" ", ""));

    /// <summary>x264 SPS, Constrained Baseline, 1920×1080 (cropped from 1088), 25 fps.</summary>
    public static readonly byte[] Sps1920x1080 = Convert.FromHexString("6742C028DA01E0089F970110000003001000000303 20F1832A".Replace(" ", ""));

    /// <summary>x264 SPS, High 4:2:2 (profile 122), interlaced (frame_mbs_only 0), 1280×720.</summary>
    public static readonly byte[] Sps1280x720Interlaced422 = Convert.FromHexString("677A0020BCE80500BBF13808800000030080 00001E0F8B1750".Replace(" ", ""));

    public static readonly byte[] Pps = Convert.FromHexString("68CE0FC8");

    /// <summary>An IDR/non-IDR slice NAL of a given size; the body includes zero runs that need emulation prevention.</summary>
    public static byte[] Slice(bool idr, int size, int seed)
    {
        var rnd = new Random(seed);
        byte[] nal = new byte[size];
        rnd.NextBytes(nal);
        for (int i = 0; i < size; i++)
        {
            nal[i] = nal[i] == 0 ? (byte)0x11 : nal[i];
        }
        nal[0] = (byte)(idr ? 0x65 : 0x41);
        nal[1] = 0x88; // first_mb_in_slice = 0, slice_type = 7 (I)
        for (int i = 2; i + 4 < size; i += 37)
        {
            nal[i] = 0;
            nal[i + 1] = 0;
            nal[i + 2] = 3; // emulation prevention byte, kept as is
            nal[i + 3] = 1;
        }
        return nal;
    }

    public static byte[] AnnexB(params byte[][] nals)
    {
        var list = new List<byte>();
        bool first = true;
        foreach (byte[] nal in nals)
        {
            list.AddRange(first ? [0, 0, 0, 1] : [0, 0, 1]);
            list.AddRange(nal);
            first = false;
        }
        return list.ToArray();
    }

    public static byte[] Avcc(params byte[][] nals)
    {
        var list = new List<byte>();
        foreach (byte[] nal in nals)
        {
            list.AddRange([(byte)(nal.Length >> 24), (byte)(nal.Length >> 16), (byte)(nal.Length >> 8), (byte)nal.Length]);
            list.AddRange(nal);
        }
        return list.ToArray();
    }

    public static readonly byte[] Aud = [0x09, 0xF0];

    /// <summary>Video-frame NALs of the synthetic stream: frame i, keyframe every <paramref name="gop"/>.</summary>
    public static byte[][] VideoNals(int i, int gop)
    {
        bool idr = i % gop == 0;
        byte[] slice = Slice(idr, idr ? 3000 + i : 200 + 37 * i, i);
        return idr ? [Sps640x360, Pps, slice] : [slice];
    }

    /// <summary>
    /// A stream of <paramref name="frames"/> video frames at 30 fps (AUD + NALs) with an audio PES of two
    /// ADTS frames after every third video frame; PAT/PMT before every keyframe.
    /// </summary>
    public static TsTestMuxer Build(int frames = 12, int gop = 5)
    {
        var mux = new TsTestMuxer();
        long audioPts = 90_000;
        for (int i = 0; i < frames; i++)
        {
            if (i % gop == 0)
            {
                mux.WriteStandardTables();
            }
            byte[][] nals = [Aud, .. VideoNals(i, gop)];
            long pts = 90_000 + i * 3000L;
            mux.WriteVideo(pts, pts, AnnexB(nals), keyframe: i % gop == 0);
            if (i % 3 == 2)
            {
                mux.WriteAudio(audioPts, AudioFrame(i, 0), AudioFrame(i, 1));
                audioPts += 2 * 1920;
            }
        }
        return mux;
    }

    public static byte[] AudioFrame(int i, int n) => Enumerable.Range(0, 100 + i + n).Select(k => (byte)(k * 7 + i + n)).ToArray();
}
