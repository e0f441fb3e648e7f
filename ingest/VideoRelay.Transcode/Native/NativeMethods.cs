using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VideoRelay.Transcode.Native;

/// <summary>
/// The whole P/Invoke surface of native/ (libvrnative.so, see native/include/vrnative.h for return
/// codes and pointer ownership). Every call returns 0 or a negative <see cref="VrError"/>.
/// </summary>
internal static unsafe partial class NativeMethods
{
    public const string Library = "vrnative";

    /// <summary>AV_LOG_ERROR: libav* prints errors only (x264's per-stream statistics are info level).</summary>
    public const int DefaultLogLevel = 16;

    static NativeMethods()
    {
        NativeLibraryResolver.Register();
        vr_set_log_level(DefaultLogLevel);
    }

    public static string ErrorText(int code) => Marshal.PtrToStringUTF8(vr_strerror(code)) ?? code.ToString();

    [LibraryImport(Library)]
    public static partial nint vr_strerror(int code);

    [LibraryImport(Library)]
    public static partial int vr_version();

    [LibraryImport(Library)]
    public static partial void vr_set_log_level(int level);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial void vr_frame_release(nint frame);

    // H.264 decoder
    [LibraryImport(Library)]
    public static partial int vr_h264_decoder_open(byte* sps, int spsLen, byte* pps, int ppsLen, int threads, out nint decoder);

    [LibraryImport(Library)]
    public static partial int vr_h264_decoder_send(nint decoder, byte* avcc, int len, long token);

    [LibraryImport(Library)]
    public static partial int vr_h264_decoder_receive(nint decoder, VrPicture* picture);

    [LibraryImport(Library)]
    public static partial int vr_h264_decoder_reorder_depth(nint decoder);

    [LibraryImport(Library)]
    public static partial void vr_h264_decoder_close(nint decoder);

    // Scaler
    [LibraryImport(Library)]
    public static partial int vr_scaler_open(int srcW, int srcH, int dstW, int dstH, int algorithm, out nint scaler);

    [LibraryImport(Library)]
    public static partial int vr_scaler_scale(nint scaler, VrPlanes* src, VrPlanes* dst);

    [LibraryImport(Library)]
    public static partial void vr_scaler_close(nint scaler);

    // H.264 encoder
    [LibraryImport(Library)]
    public static partial int vr_h264_encoder_open(VrH264EncoderConfig* config, out nint encoder);

    [LibraryImport(Library)]
    public static partial int vr_h264_encoder_input(nint encoder, VrPlanes* planes);

    [LibraryImport(Library)]
    public static partial int vr_h264_encoder_send(nint encoder, VrPlanes* input, long pts, int forceKeyframe);

    [LibraryImport(Library)]
    public static partial int vr_h264_encoder_receive(nint encoder, byte* prefix, int prefixLen, byte* output, int capacity, VrEncoded* result);

    [LibraryImport(Library)]
    public static partial int vr_h264_encoder_drop_pending(nint encoder);

    [LibraryImport(Library)]
    public static partial int vr_h264_encoder_param_sets(nint encoder, byte* sps, int spsCap, out int spsLen, byte* pps, int ppsCap, out int ppsLen);

    [LibraryImport(Library)]
    public static partial void vr_h264_encoder_close(nint encoder);

    // Opus
    [LibraryImport(Library)]
    public static partial int vr_opus_encoder_open(int channels, int bitrate, out nint encoder);

    [LibraryImport(Library)]
    public static partial int vr_opus_encoder_encode(nint encoder, short* pcm, int samplesPerChannel, byte* output, int capacity, out int written);

    [LibraryImport(Library)]
    public static partial void vr_opus_encoder_close(nint encoder);

    [LibraryImport(Library)]
    public static partial int vr_opus_decoder_open(int channels, out nint decoder);

    [LibraryImport(Library)]
    public static partial int vr_opus_decoder_decode(nint decoder, byte* packet, int len, short* pcm, int capSamplesPerChannel, out int samplesPerChannel);

    [LibraryImport(Library)]
    public static partial void vr_opus_decoder_close(nint decoder);

    // AAC -> Opus
    [LibraryImport(Library)]
    public static partial int vr_aac_opus_open(byte* asc, int ascLen, int bitrate, out nint transcoder);

    [LibraryImport(Library)]
    public static partial int vr_aac_opus_send(nint transcoder, byte* aac, int len);

    [LibraryImport(Library)]
    public static partial int vr_aac_opus_receive(nint transcoder, byte* output, int capacity, out int written, out long index);

    [LibraryImport(Library)]
    public static partial int vr_aac_opus_buffered(nint transcoder);

    [LibraryImport(Library)]
    public static partial void vr_aac_opus_close(nint transcoder);
}
