/* Functional test of the vrnative ABI: encode -> decode, scale, corrupt input, AAC -> Opus -> PCM.
 * Run: native/build/vrnative_test [--short]        (exit code 0 = pass)
 * Leak check: valgrind --leak-check=full --error-exitcode=1 native/build/vrnative_test --short */
#include <libavcodec/avcodec.h>
#include <libavutil/channel_layout.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vrnative.h"

static int failures;

#define CHECK(cond)                                                                          \
    do {                                                                                     \
        if (!(cond)) {                                                                       \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);         \
            failures++;                                                                      \
        }                                                                                    \
    } while (0)

#define CHECK_RC(expr, want)                                                                 \
    do {                                                                                     \
        int rc_ = (expr);                                                                    \
        if (rc_ != (want)) {                                                                 \
            fprintf(stderr, "%s:%d: %s returned %d (%s), wanted %d\n", __FILE__, __LINE__,    \
                    #expr, rc_, vr_strerror(rc_), want);                                     \
            failures++;                                                                      \
        }                                                                                    \
    } while (0)

static void draw(vr_planes *p, int n)
{
    for (int y = 0; y < p->height; y++) {
        for (int x = 0; x < p->width; x++) {
            p->y[y * p->stride_y + x] = (uint8_t)(x + y + n * 3);
        }
    }
    for (int y = 0; y < p->height / 2; y++) {
        for (int x = 0; x < p->width / 2; x++) {
            p->u[y * p->stride_u + x] = (uint8_t)(128 + x - n);
            p->v[y * p->stride_v + x] = (uint8_t)(128 + y + n);
        }
    }
}

/* Returns 1 when buf is a well-formed AVCC unit; counts NAL types. */
static int walk_avcc(const uint8_t *buf, int len, int counts[32], int *first_sei_before_slice)
{
    int pos = 0, seen_slice = 0;
    *first_sei_before_slice = 0;
    while (pos < len) {
        if (len - pos < 4) {
            return 0;
        }
        uint32_t n = (uint32_t)buf[pos] << 24 | (uint32_t)buf[pos + 1] << 16 | (uint32_t)buf[pos + 2] << 8 | buf[pos + 3];
        if (n == 0 || n > (uint32_t)(len - pos - 4)) {
            return 0;
        }
        int type = buf[pos + 4] & 0x1f;
        counts[type]++;
        if (type == 6 && !seen_slice && n == 5 && buf[pos + 5] == 0x05) {
            *first_sei_before_slice = 1;
        }
        if (type >= 1 && type <= 5) {
            seen_slice = 1;
        }
        pos += 4 + (int)n;
    }
    return 1;
}

static void test_video(int frames)
{
    const int w = 320, h = 240;
    vr_h264_encoder_config cfg = { .width = w, .height = h, .fps_num = 30, .fps_den = 1, .bitrate = 500000,
                                   .gop = 60, .threads = 1, .profile = VR_PROFILE_CONSTRAINED_BASELINE };
    vr_h264_encoder *enc = NULL;
    CHECK_RC(vr_h264_encoder_open(&cfg, &enc), VR_OK);
    vr_h264_decoder *dec = NULL;
    CHECK_RC(vr_h264_decoder_open(NULL, 0, NULL, 0, 1, &dec), VR_OK);
    vr_scaler *scaler = NULL;
    CHECK_RC(vr_scaler_open(w, h, 160, 120, VR_SCALE_BILINEAR, &scaler), VR_OK);
    if (enc == NULL || dec == NULL || scaler == NULL) {
        vr_h264_encoder_close(enc);
        vr_h264_decoder_close(dec);
        vr_scaler_close(scaler);
        return;
    }
    /* A fake SEI NAL (AVCC) to insert before slices: type 6, payload type 5, size 0... */
    static const uint8_t sei[] = { 0, 0, 0, 5, 0x06, 0x05, 0x01, 0xAA, 0x80 };
    uint8_t small_y[160 * 120], small_u[80 * 60], small_v[80 * 60];
    vr_planes small = { small_y, small_u, small_v, 160, 80, 80, 160, 120 };
    uint8_t *out = malloc(1 << 20);
    int decoded = 0, keys = 0;
    for (int i = 0; i < frames; i++) {
        vr_planes in;
        CHECK_RC(vr_h264_encoder_input(enc, &in), VR_OK);
        draw(&in, i);
        CHECK_RC(vr_h264_encoder_send(enc, NULL, 9000 + i * 3000, i == frames / 2), VR_OK);
        vr_encoded res;
        CHECK_RC(vr_h264_encoder_receive(enc, sei, sizeof sei, NULL, 0, &res), VR_ETOOSMALL);
        CHECK(res.length > 0);
        CHECK_RC(vr_h264_encoder_receive(enc, sei, sizeof sei, out, 1 << 20, &res), VR_OK);
        CHECK(res.pts == 9000 + i * 3000 && res.dts == res.pts);
        int counts[32] = { 0 }, sei_first = 0;
        CHECK(walk_avcc(out, res.length, counts, &sei_first));
        CHECK(sei_first);
        if (i == 0 || i == frames / 2) {
            CHECK(res.key_frame);
            CHECK(counts[7] == 1 && counts[8] == 1 && counts[5] >= 1);
        } else {
            CHECK(!res.key_frame);
            CHECK(counts[7] == 0 && counts[5] == 0);
        }
        CHECK(res.config_changed == (i == 0));
        keys += res.key_frame;
        CHECK_RC(vr_h264_decoder_send(dec, out, res.length, i), VR_OK);
        vr_picture pic;
        int rc;
        while ((rc = vr_h264_decoder_receive(dec, &pic)) == VR_OK) {
            CHECK(pic.token == decoded);
            CHECK(pic.planes.width == w && pic.planes.height == h);
            CHECK(!pic.corrupt);
            CHECK_RC(vr_scaler_scale(scaler, &pic.planes, &small), VR_OK);
            vr_frame_release(pic.frame);
            decoded++;
        }
        CHECK(rc == VR_EAGAIN);
    }
    CHECK(decoded == frames);
    CHECK(keys == 2);
    CHECK(vr_h264_decoder_reorder_depth(dec) == 0);
    uint8_t sps[256], pps[256];
    int32_t sps_len = 0, pps_len = 0;
    CHECK_RC(vr_h264_encoder_param_sets(enc, sps, sizeof sps, &sps_len, pps, sizeof pps, &pps_len), VR_OK);
    CHECK(sps_len > 4 && (sps[0] & 0x1f) == 7 && sps[1] == 66 && pps_len > 0);

    /* Corrupt input: a length prefix pointing past the end is refused; the decoder stays usable. */
    static const uint8_t bad[] = { 0, 0, 1, 0, 0x65, 1, 2, 3 };
    CHECK_RC(vr_h264_decoder_send(dec, bad, sizeof bad, 99), VR_EDECODE);
    CHECK_RC(vr_h264_decoder_send(dec, NULL, 0, 99), VR_EINVAL);

    /* A decoder opened with out-of-band SPS/PPS decodes a keyframe stripped of them. */
    vr_h264_decoder *dec2 = NULL;
    CHECK_RC(vr_h264_decoder_open(sps, sps_len, pps, pps_len, 2, &dec2), VR_OK);
    vr_planes in;
    CHECK_RC(vr_h264_encoder_input(enc, &in), VR_OK);
    draw(&in, 7);
    CHECK_RC(vr_h264_encoder_send(enc, NULL, 1, 1), VR_OK);
    vr_encoded res;
    CHECK_RC(vr_h264_encoder_receive(enc, NULL, 0, out, 1 << 20, &res), VR_OK);
    /* drop the SPS/PPS NAL units (the first two) */
    int pos = 0;
    for (int k = 0; k < 2; k++) {
        int n = out[pos] << 24 | out[pos + 1] << 16 | out[pos + 2] << 8 | out[pos + 3];
        pos += 4 + n;
    }
    CHECK_RC(vr_h264_decoder_send(dec2, out + pos, res.length - pos, 5), VR_OK);
    vr_picture pic;
    CHECK_RC(vr_h264_decoder_receive(dec2, &pic), VR_OK);
    CHECK(pic.token == 5 && pic.key_frame);
    vr_frame_release(pic.frame);

    /* Caller-owned input planes must match the encoder's size. */
    CHECK_RC(vr_h264_encoder_send(enc, &small, 2, 0), VR_EINVAL);      /* wrong size */
    free(out);
    vr_h264_decoder_close(dec2);
    vr_h264_decoder_close(dec);
    vr_h264_encoder_close(enc);
    vr_scaler_close(scaler);
}

/* Encodes `seconds` of a 440 Hz tone at `rate` to raw AAC with libavcodec's encoder, transcodes it. */
static void test_aac_to_opus(int rate, double seconds)
{
    const AVCodec *aac = avcodec_find_encoder(AV_CODEC_ID_AAC);
    CHECK(aac != NULL);
    AVCodecContext *ctx = avcodec_alloc_context3(aac);
    ctx->sample_rate = rate;
    ctx->sample_fmt = AV_SAMPLE_FMT_FLTP;
    AVChannelLayout stereo = AV_CHANNEL_LAYOUT_STEREO;
    av_channel_layout_copy(&ctx->ch_layout, &stereo);
    ctx->bit_rate = 128000;
    ctx->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    CHECK(avcodec_open2(ctx, aac, NULL) == 0);
    vr_aac_opus *t = NULL;
    CHECK_RC(vr_aac_opus_open(ctx->extradata, ctx->extradata_size, 96000, &t), VR_OK);
    vr_opus_decoder *od = NULL;
    CHECK_RC(vr_opus_decoder_open(2, &od), VR_OK);
    AVFrame *f = av_frame_alloc();
    f->nb_samples = ctx->frame_size;
    f->format = AV_SAMPLE_FMT_FLTP;
    av_channel_layout_copy(&f->ch_layout, &stereo);
    av_frame_get_buffer(f, 0);
    AVPacket *pkt = av_packet_alloc();
    int total_in = (int)(rate * seconds), fed = 0, packets = 0, decoded_samples = 0;
    uint8_t opus[1500];
    int16_t pcm[5760 * 2];
    while (fed < total_in) {
        av_frame_make_writable(f);
        for (int i = 0; i < f->nb_samples; i++) {
            float s = 0.3f * (float)sin(2 * M_PI * 440.0 * (fed + i) / rate);
            ((float *)f->data[0])[i] = s;
            ((float *)f->data[1])[i] = s;
        }
        f->pts = fed;
        fed += f->nb_samples;
        CHECK(avcodec_send_frame(ctx, f) == 0);
        while (avcodec_receive_packet(ctx, pkt) == 0) {
            CHECK_RC(vr_aac_opus_send(t, pkt->data, pkt->size), VR_OK);
            av_packet_unref(pkt);
            int32_t written = 0;
            int64_t index = 0;
            while (vr_aac_opus_receive(t, opus, sizeof opus, &written, &index) == VR_OK) {
                CHECK(index == packets);
                CHECK(written > 0);
                int32_t n = 0;
                CHECK_RC(vr_opus_decoder_decode(od, opus, written, pcm, 5760, &n), VR_OK);
                CHECK(n == VR_OPUS_FRAME_SAMPLES);
                decoded_samples += n;
                packets++;
            }
        }
    }
    /* Input duration minus the AAC encoder's delay (1024 samples, still inside the AAC encoder). */
    double in_ms = 1000.0 * (fed - 2 * ctx->frame_size) / rate;
    double out_ms = 1000.0 * decoded_samples / 48000;
    CHECK(out_ms > in_ms - 60 && out_ms <= in_ms + 40);
    static const uint8_t garbage[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
    int rc = vr_aac_opus_send(t, garbage, sizeof garbage);
    CHECK(rc == VR_EDECODE || rc == VR_OK);
    av_packet_free(&pkt);
    av_frame_free(&f);
    avcodec_free_context(&ctx);
    vr_aac_opus_close(t);
    vr_opus_decoder_close(od);
}

static void test_pcm_to_opus(int frames)
{
    vr_opus_encoder *enc = NULL;
    vr_opus_decoder *dec = NULL;
    CHECK_RC(vr_opus_encoder_open(2, 64000, &enc), VR_OK);
    CHECK_RC(vr_opus_decoder_open(2, &dec), VR_OK);
    int16_t pcm[960 * 2], back[5760 * 2];
    uint8_t packet[1500];
    for (int i = 0; i < frames; i++) {
        for (int s = 0; s < 960; s++) {
            int16_t v = (int16_t)(8000 * sin(2 * M_PI * 1000.0 * (i * 960 + s) / 48000));
            pcm[2 * s] = v;
            pcm[2 * s + 1] = v;
        }
        int32_t written = 0, n = 0;
        CHECK_RC(vr_opus_encoder_encode(enc, pcm, 960, packet, sizeof packet, &written), VR_OK);
        CHECK_RC(vr_opus_decoder_decode(dec, packet, written, back, 5760, &n), VR_OK);
        CHECK(n == 960);
    }
    int32_t written = 0;
    CHECK_RC(vr_opus_encoder_encode(enc, pcm, 480, packet, sizeof packet, &written), VR_EINVAL);
    vr_opus_encoder_close(enc);
    vr_opus_decoder_close(dec);
}

int main(int argc, char **argv)
{
    int short_run = argc > 1 && strcmp(argv[1], "--short") == 0;
    vr_set_log_level(16); /* errors only */
    test_video(short_run ? 8 : 60);
    test_aac_to_opus(44100, short_run ? 0.3 : 2.0);
    test_aac_to_opus(48000, short_run ? 0.2 : 1.0);
    test_pcm_to_opus(short_run ? 5 : 50);
    if (failures != 0) {
        fprintf(stderr, "vrnative_test: %d failure(s)\n", failures);
        return 1;
    }
    printf("vrnative_test: ok\n");
    return 0;
}
