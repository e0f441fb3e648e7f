/*
 * vrnative — VideoRelay's narrow C ABI over FFmpeg 5.1 (libavcodec, libswscale, libswresample),
 * libx264 (through libavcodec) and libopus.
 *
 * Conventions (every function):
 *   - Return 0 on success or a negative VR_E* code below; nothing ever aborts the process.
 *   - Handles are opaque. *_open() writes a handle the caller owns and must pass to the matching
 *     *_close() exactly once (close accepts NULL). A handle is used by one thread at a time.
 *   - Input buffers are borrowed for the duration of the call only (never retained).
 *   - Output buffers are caller-provided with an explicit capacity; nothing is allocated for the
 *     caller except vr_frame references, which the caller releases with vr_frame_release().
 *   - Lengths are int32 and checked: a negative length or a NULL pointer with a non-zero length is VR_EINVAL.
 *
 * Threading: libavcodec frame threading is never used (it delays output one frame per thread).
 * The H.264 decoder runs single-threaded or with slice threads; x264 runs with tune=zerolatency
 * (sliced threads, no lookahead, no B-frames).
 */
#ifndef VRNATIVE_H
#define VRNATIVE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define VR_API __attribute__((visibility("default")))
#else
#define VR_API
#endif

/* ---- return codes ---------------------------------------------------------------------------- */
#define VR_OK            0
#define VR_EAGAIN       (-1)  /* no output yet: send more input */
#define VR_EINVAL       (-2)  /* bad argument (NULL handle, negative length, odd size, ...) */
#define VR_ENOMEM       (-3)  /* allocation failed */
#define VR_EDECODE      (-4)  /* corrupt or undecodable input; the decoder stays usable (recovers at the next keyframe) */
#define VR_ETOOSMALL    (-5)  /* caller buffer too small; *required (or result->length) holds the needed size, output retained */
#define VR_EUNSUPPORTED (-6)  /* valid input the shim does not handle (e.g. 4:2:2 or 10-bit video) */
#define VR_EENCODE      (-7)  /* the encoder failed */
#define VR_ECODEC       (-8)  /* a codec could not be found or opened (missing library support) */

/* Short static text for a code (never NULL, never freed). */
VR_API const char *vr_strerror(int code);

/* Library version as 0xMMmmpp. */
VR_API int vr_version(void);

/* Sets libav*'s log level (AV_LOG_* value: -8 quiet, 16 error, 24 warning, 32 info). Process-wide. */
VR_API void vr_set_log_level(int32_t level);

/* ---- pictures -------------------------------------------------------------------------------- */

/* An I420 picture: three plane pointers and strides. Borrowed, never owned by the struct. */
typedef struct vr_planes {
    uint8_t *y;
    uint8_t *u;
    uint8_t *v;
    int32_t stride_y;
    int32_t stride_u;
    int32_t stride_v;
    int32_t width;
    int32_t height;
} vr_planes;

/* A reference-counted decoded picture (an AVFrame reference). Release with vr_frame_release(). */
typedef struct vr_frame vr_frame;

/* A decoded picture as returned by vr_h264_decoder_receive(). `frame` is a new reference the caller
 * owns; `planes` point into it and stay valid until vr_frame_release(frame), from any thread. */
typedef struct vr_picture {
    vr_frame *frame;
    vr_planes planes;
    int64_t token;     /* the value passed to vr_h264_decoder_send() for the access unit of this picture */
    int32_t key_frame; /* 1 when the picture is an IDR/keyframe */
    int32_t corrupt;   /* 1 when the decoder concealed errors in this picture */
} vr_picture;

/* Releases one reference (thread-safe; NULL is ignored). */
VR_API void vr_frame_release(vr_frame *frame);

/* ---- H.264 decoder --------------------------------------------------------------------------- */
typedef struct vr_h264_decoder vr_h264_decoder;

/* Opens a decoder. sps/pps are NAL units without start code or length (either may be NULL/0: then the
 * parameter sets must arrive in-band). threads: 1 = single-threaded, >1 = that many slice threads
 * (never frame threads). Sets AV_CODEC_FLAG_LOW_DELAY. */
VR_API int vr_h264_decoder_open(const uint8_t *sps, int32_t sps_len, const uint8_t *pps, int32_t pps_len,
                                int32_t threads, vr_h264_decoder **out);

/* Sends one access unit in AVCC form (NAL units each prefixed by a 4-byte big-endian length).
 * token is opaque to the decoder and comes back with the picture of this access unit (reordered
 * like the pictures when the source has B-frames). Returns VR_EDECODE for a malformed length prefix or
 * a decode error (the unit is dropped; call receive as usual). */
VR_API int vr_h264_decoder_send(vr_h264_decoder *dec, const uint8_t *avcc, int32_t len, int64_t token);

/* Takes the next decoded picture, VR_EAGAIN when none is ready, VR_EUNSUPPORTED for a non-4:2:0 8-bit
 * picture (dropped). On success the caller owns pic->frame. */
VR_API int vr_h264_decoder_receive(vr_h264_decoder *dec, vr_picture *pic);

/* Number of frames the decoder may delay for reordering (AVCodecContext.has_b_frames): > 0 means
 * the source has B-frames (or other reordering) and must not be passed through to WebRTC. */
VR_API int vr_h264_decoder_reorder_depth(const vr_h264_decoder *dec);

VR_API void vr_h264_decoder_close(vr_h264_decoder *dec);

/* ---- scaler (libswscale, I420 -> I420) ------------------------------------------------------- */
typedef struct vr_scaler vr_scaler;

#define VR_SCALE_BILINEAR      0
#define VR_SCALE_FAST_BILINEAR 1

/* Opens a scaler for fixed sizes (all even, > 0). */
VR_API int vr_scaler_open(int32_t src_w, int32_t src_h, int32_t dst_w, int32_t dst_h, int32_t algorithm,
                          vr_scaler **out);

/* Scales src into the caller's dst planes; both sizes must equal the ones given at open. */
VR_API int vr_scaler_scale(vr_scaler *s, const vr_planes *src, const vr_planes *dst);

VR_API void vr_scaler_close(vr_scaler *s);

/* ---- H.264 encoder (libx264 through libavcodec) ---------------------------------------------- */
typedef struct vr_h264_encoder vr_h264_encoder;

#define VR_PROFILE_CONSTRAINED_BASELINE 0
#define VR_PROFILE_MAIN                 1
#define VR_PROFILE_HIGH                 2

typedef struct vr_h264_encoder_config {
    int32_t width;          /* even, 16..8192 */
    int32_t height;         /* even, 16..8192 */
    int32_t fps_num;        /* frame rate numerator, e.g. 30 */
    int32_t fps_den;        /* frame rate denominator, e.g. 1 */
    int32_t bitrate;        /* target bits per second; VBV max rate = bitrate */
    int32_t vbv_buffer_ms;  /* VBV buffer in milliseconds of bitrate (0 = 1000) */
    int32_t gop;            /* x264's own keyframe limit in frames (the caller forces aligned keyframes; 0 = 250) */
    int32_t threads;        /* x264 sliced threads (0 = auto, 1 = single) */
    int32_t profile;        /* VR_PROFILE_* */
    char preset[16];        /* NUL-terminated x264 preset, "" = "superfast" */
} vr_h264_encoder_config;

/* One encoded access unit written by vr_h264_encoder_receive(). */
typedef struct vr_encoded {
    int32_t length;          /* bytes written (or needed, with VR_ETOOSMALL) */
    int32_t key_frame;       /* 1 for an IDR access unit (SPS and PPS are in-band before it) */
    int64_t pts;             /* the pts given to send() */
    int64_t dts;             /* == pts (no B-frames) */
    int32_t config_changed;  /* 1 when this unit carries SPS/PPS different from the last ones seen */
    int32_t reserved;
} vr_encoded;

/* Opens an encoder: tune=zerolatency, no B-frames, no scene-cut keyframes, SPS/PPS repeated on every
 * keyframe, Annex B output converted to AVCC by receive(). */
VR_API int vr_h264_encoder_open(const vr_h264_encoder_config *cfg, vr_h264_encoder **out);

/* Writable planes of the encoder's own input picture (valid until the next send/close): a scaler can
 * write straight into them, then send(enc, NULL, ...) encodes them without a copy. */
VR_API int vr_h264_encoder_input(vr_h264_encoder *enc, vr_planes *planes);

/* Encodes one picture: input = caller planes (copied by libavcodec) or NULL for the planes from
 * vr_h264_encoder_input(). force_keyframe = 1 makes this picture an IDR. */
VR_API int vr_h264_encoder_send(vr_h264_encoder *enc, const vr_planes *input, int64_t pts, int32_t force_keyframe);

/* Writes the next encoded access unit into out[0..cap) as 4-byte length-prefixed NAL units, with the
 * caller's prefix (already AVCC: e.g. SEI NAL units) inserted before the first slice NAL unit.
 * VR_EAGAIN when none is pending; VR_ETOOSMALL (result->length = needed) keeps the unit pending for
 * another call with a bigger buffer (out may be NULL with cap 0 to query the size). */
VR_API int vr_h264_encoder_receive(vr_h264_encoder *enc, const uint8_t *prefix, int32_t prefix_len,
                                   uint8_t *out, int32_t cap, vr_encoded *result);

/* Discards the pending encoded unit (when the caller has no buffer for it). The rendition's stream is then
 * broken until the next keyframe: the caller should force one. VR_EAGAIN when nothing is pending. */
VR_API int vr_h264_encoder_drop_pending(vr_h264_encoder *enc);

/* Copies the last SPS and PPS seen in the output (NAL units without start code). VR_EAGAIN before the
 * first keyframe was received; VR_ETOOSMALL (lengths set) when a buffer is too small. */
VR_API int vr_h264_encoder_param_sets(const vr_h264_encoder *enc, uint8_t *sps, int32_t sps_cap, int32_t *sps_len,
                                      uint8_t *pps, int32_t pps_cap, int32_t *pps_len);

VR_API void vr_h264_encoder_close(vr_h264_encoder *enc);

/* ---- Opus (libopus), 48 kHz, 20 ms frames ---------------------------------------------------- */
#define VR_OPUS_FRAME_SAMPLES 960 /* per channel: 20 ms at 48 kHz */

typedef struct vr_opus_encoder vr_opus_encoder;

/* channels 1 or 2, bitrate 6000..510000. Application: restricted low delay off (audio), complexity 5. */
VR_API int vr_opus_encoder_open(int32_t channels, int32_t bitrate, vr_opus_encoder **out);

/* Encodes exactly VR_OPUS_FRAME_SAMPLES interleaved s16 samples per channel into out; *written = bytes. */
VR_API int vr_opus_encoder_encode(vr_opus_encoder *enc, const int16_t *pcm, int32_t samples_per_channel,
                                  uint8_t *out, int32_t cap, int32_t *written);

VR_API void vr_opus_encoder_close(vr_opus_encoder *enc);

typedef struct vr_opus_decoder vr_opus_decoder;

VR_API int vr_opus_decoder_open(int32_t channels, vr_opus_decoder **out);

/* Decodes one packet into interleaved s16 pcm (capacity in samples per channel; 5760 fits any packet).
 * *samples_per_channel = decoded duration at 48 kHz. */
VR_API int vr_opus_decoder_decode(vr_opus_decoder *dec, const uint8_t *packet, int32_t len, int16_t *pcm,
                                  int32_t cap_samples_per_channel, int32_t *samples_per_channel);

VR_API void vr_opus_decoder_close(vr_opus_decoder *dec);

/* ---- AAC -> Opus ----------------------------------------------------------------------------- */
typedef struct vr_aac_opus vr_aac_opus;

/* Opens an AAC decoder from an AudioSpecificConfig, a resampler to 48 kHz stereo s16 and an Opus
 * encoder (stereo, bitrate bits/s), with a FIFO that re-chunks decoded audio into 960-sample frames. */
VR_API int vr_aac_opus_open(const uint8_t *asc, int32_t asc_len, int32_t bitrate, vr_aac_opus **out);

/* Decodes one raw AAC access unit (no ADTS) into the FIFO. VR_EDECODE when corrupt (dropped, FIFO kept). */
VR_API int vr_aac_opus_send(vr_aac_opus *t, const uint8_t *aac, int32_t len);

/* Encodes the next 20 ms Opus packet when the FIFO holds 960 samples, else VR_EAGAIN. *index is the
 * packet's sequence number since open (its start is index * 960 samples after the first input sample). */
VR_API int vr_aac_opus_receive(vr_aac_opus *t, uint8_t *out, int32_t cap, int32_t *written, int64_t *index);

/* Samples (per channel, 48 kHz) waiting in the FIFO. */
VR_API int vr_aac_opus_buffered(const vr_aac_opus *t);

VR_API void vr_aac_opus_close(vr_aac_opus *t);

#ifdef __cplusplus
}
#endif

#endif /* VRNATIVE_H */
