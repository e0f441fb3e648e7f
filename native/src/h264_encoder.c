/* H.264 encoder: libx264 through libavcodec, zero latency, AVCC output into caller buffers. */
#include "internal.h"

#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PTS_RING 64          /* frames in flight inside x264 (zerolatency: 0, but bounded anyway) */
#define MAX_PARAM_SET 1024   /* largest SPS/PPS kept */

struct vr_h264_encoder {
    AVCodecContext *ctx;
    AVFrame *frame;          /* the encoder's own input picture */
    AVPacket *pkt;           /* the pending output unit when has_pending */
    int has_pending;
    int64_t next_index;      /* frame counter used as x264's pts (constant frame rate) */
    int64_t pts_ring[PTS_RING];
    uint8_t sps[MAX_PARAM_SET];
    uint8_t pps[MAX_PARAM_SET];
    int sps_len, pps_len;
};

static const char *profile_name(int32_t profile)
{
    switch (profile) {
    case VR_PROFILE_CONSTRAINED_BASELINE: return "baseline"; /* x264 baseline = constrained baseline */
    case VR_PROFILE_MAIN: return "main";
    case VR_PROFILE_HIGH: return "high";
    default: return NULL;
    }
}

int vr_h264_encoder_open(const vr_h264_encoder_config *cfg, vr_h264_encoder **out)
{
    if (out == NULL || cfg == NULL) {
        return VR_EINVAL;
    }
    *out = NULL;
    if (cfg->width < 16 || cfg->height < 16 || cfg->width > 8192 || cfg->height > 8192 || (cfg->width & 1) || (cfg->height & 1)
        || cfg->fps_num <= 0 || cfg->fps_den <= 0 || cfg->bitrate < 10000 || cfg->bitrate > 100000000
        || cfg->vbv_buffer_ms < 0 || cfg->vbv_buffer_ms > 10000 || cfg->gop < 0 || cfg->threads < 0 || cfg->threads > 64
        || profile_name(cfg->profile) == NULL || memchr(cfg->preset, 0, sizeof(cfg->preset)) == NULL) {
        return VR_EINVAL;
    }
    const AVCodec *codec = avcodec_find_encoder_by_name("libx264");
    if (codec == NULL) {
        return VR_ECODEC;
    }
    vr_h264_encoder *enc = calloc(1, sizeof(*enc));
    if (enc == NULL) {
        return VR_ENOMEM;
    }
    enc->ctx = avcodec_alloc_context3(codec);
    enc->frame = av_frame_alloc();
    enc->pkt = av_packet_alloc();
    if (enc->ctx == NULL || enc->frame == NULL || enc->pkt == NULL) {
        vr_h264_encoder_close(enc);
        return VR_ENOMEM;
    }
    AVCodecContext *c = enc->ctx;
    c->width = cfg->width;
    c->height = cfg->height;
    c->pix_fmt = AV_PIX_FMT_YUV420P;
    c->time_base = (AVRational){ cfg->fps_den, cfg->fps_num };
    c->framerate = (AVRational){ cfg->fps_num, cfg->fps_den };
    c->bit_rate = cfg->bitrate;
    c->rc_max_rate = cfg->bitrate;
    int vbv_ms = cfg->vbv_buffer_ms == 0 ? 1000 : cfg->vbv_buffer_ms;
    c->rc_buffer_size = (int)((int64_t)cfg->bitrate * vbv_ms / 1000);
    c->gop_size = cfg->gop == 0 ? 250 : cfg->gop;
    c->max_b_frames = 0;
    c->thread_count = cfg->threads;
    c->flags |= AV_CODEC_FLAG_LOW_DELAY; /* no global header: SPS/PPS stay in-band on every keyframe */

    AVDictionary *opts = NULL;
    av_dict_set(&opts, "preset", cfg->preset[0] != 0 ? cfg->preset : "superfast", 0);
    av_dict_set(&opts, "tune", "zerolatency", 0);
    av_dict_set(&opts, "profile", profile_name(cfg->profile), 0);
    av_dict_set(&opts, "forced-idr", "1", 0);
    av_dict_set(&opts, "x264-params", "scenecut=0:repeat-headers=1:bframes=0:rc-lookahead=0:sync-lookahead=0", 0);
    int err = avcodec_open2(c, codec, &opts);
    av_dict_free(&opts);
    if (err < 0) {
        vr_h264_encoder_close(enc);
        return err == AVERROR(ENOMEM) ? VR_ENOMEM : VR_ECODEC;
    }
    enc->frame->format = AV_PIX_FMT_YUV420P;
    enc->frame->width = cfg->width;
    enc->frame->height = cfg->height;
    if (av_frame_get_buffer(enc->frame, 64) < 0) {
        vr_h264_encoder_close(enc);
        return VR_ENOMEM;
    }
    *out = enc;
    return VR_OK;
}

static void fill_planes(const AVFrame *f, vr_planes *p)
{
    p->y = f->data[0];
    p->u = f->data[1];
    p->v = f->data[2];
    p->stride_y = f->linesize[0];
    p->stride_u = f->linesize[1];
    p->stride_v = f->linesize[2];
    p->width = f->width;
    p->height = f->height;
}

int vr_h264_encoder_input(vr_h264_encoder *enc, vr_planes *planes)
{
    if (enc == NULL || planes == NULL) {
        return VR_EINVAL;
    }
    if (av_frame_make_writable(enc->frame) < 0) {
        return VR_ENOMEM;
    }
    fill_planes(enc->frame, planes);
    return VR_OK;
}

int vr_h264_encoder_send(vr_h264_encoder *enc, const vr_planes *input, int64_t pts, int32_t force_keyframe)
{
    if (enc == NULL) {
        return VR_EINVAL;
    }
    AVFrame *f = enc->frame;
    if (input != NULL) {
        if (input->width != f->width || input->height != f->height || input->y == NULL || input->u == NULL
            || input->v == NULL || input->stride_y < f->width || input->stride_u < f->width / 2
            || input->stride_v < f->width / 2) {
            return VR_EINVAL;
        }
        if (av_frame_make_writable(f) < 0) {
            return VR_ENOMEM;
        }
        const uint8_t *src[4] = { input->y, input->u, input->v, NULL };
        const int stride[4] = { input->stride_y, input->stride_u, input->stride_v, 0 };
        av_image_copy(f->data, f->linesize, src, stride, AV_PIX_FMT_YUV420P, f->width, f->height);
    }
    f->pts = enc->next_index;
    f->pict_type = force_keyframe ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE;
    enc->pts_ring[enc->next_index % PTS_RING] = pts;
    int err = avcodec_send_frame(enc->ctx, f);
    if (err == AVERROR(EAGAIN)) {
        return VR_EAGAIN; /* a unit is pending: receive it first */
    }
    if (err < 0) {
        return err == AVERROR(ENOMEM) ? VR_ENOMEM : VR_EENCODE;
    }
    enc->next_index++;
    return VR_OK;
}

/* Strips trailing zero bytes (trailing_zero_8bits) from a NAL unit found between start codes. */
static size_t trim_nal(const uint8_t *nal, size_t len)
{
    while (len > 0 && nal[len - 1] == 0) {
        len--;
    }
    return len;
}

/* Walks the Annex B NAL units of data: calls visit(nal, len, state) for each (in order). */
typedef void (*nal_visitor)(const uint8_t *nal, size_t len, void *state);

static void for_each_nal(const uint8_t *data, size_t size, nal_visitor visit, void *state)
{
    int code = 0;
    size_t pos = vr_find_start_code(data, size, 0, &code);
    while (pos < size) {
        size_t start = pos + (size_t)code;
        int next_code = 0;
        size_t next = vr_find_start_code(data, size, start, &next_code);
        size_t len = trim_nal(data + start, next - start);
        if (len > 0) {
            visit(data + start, len, state);
        }
        pos = next;
        code = next_code;
    }
}

typedef struct write_state {
    vr_h264_encoder *enc;
    const uint8_t *prefix;
    size_t prefix_len;
    uint8_t *out;        /* NULL while measuring */
    size_t pos;
    int prefix_done;
    int config_changed;
} write_state;

static void write_nal(const uint8_t *nal, size_t len, void *opaque)
{
    write_state *st = opaque;
    int type = nal[0] & 0x1f;
    if (!st->prefix_done && type >= 1 && type <= 5) {
        if (st->out != NULL && st->prefix_len > 0) {
            memcpy(st->out + st->pos, st->prefix, st->prefix_len);
        }
        st->pos += st->prefix_len;
        st->prefix_done = 1;
    }
    if (st->out != NULL) {
        vr_wb32(st->out + st->pos, (uint32_t)len);
        memcpy(st->out + st->pos + 4, nal, len);
        if ((type == 7 || type == 8) && len <= MAX_PARAM_SET) {
            uint8_t *keep = type == 7 ? st->enc->sps : st->enc->pps;
            int *keep_len = type == 7 ? &st->enc->sps_len : &st->enc->pps_len;
            if (*keep_len != (int)len || memcmp(keep, nal, len) != 0) {
                memcpy(keep, nal, len);
                *keep_len = (int)len;
                st->config_changed = 1;
            }
        }
    }
    st->pos += 4 + len;
}

int vr_h264_encoder_receive(vr_h264_encoder *enc, const uint8_t *prefix, int32_t prefix_len,
                            uint8_t *out, int32_t cap, vr_encoded *result)
{
    if (enc == NULL || result == NULL || prefix_len < 0 || (prefix == NULL && prefix_len > 0) || cap < 0
        || (out == NULL && cap > 0) || prefix_len > VR_MAX_ACCESS_UNIT) {
        return VR_EINVAL;
    }
    memset(result, 0, sizeof(*result));
    if (!enc->has_pending) {
        int err = avcodec_receive_packet(enc->ctx, enc->pkt);
        if (err == AVERROR(EAGAIN) || err == AVERROR_EOF) {
            return VR_EAGAIN;
        }
        if (err < 0) {
            return VR_EENCODE;
        }
        enc->has_pending = 1;
    }
    AVPacket *pkt = enc->pkt;
    write_state st = { .enc = enc, .prefix = prefix, .prefix_len = (size_t)prefix_len };
    for_each_nal(pkt->data, (size_t)pkt->size, write_nal, &st);
    if (!st.prefix_done) {
        st.pos += st.prefix_len; /* no slice (should not happen): the prefix goes last */
    }
    if (st.pos > (size_t)INT32_MAX) {
        return VR_EENCODE;
    }
    result->length = (int32_t)st.pos;
    if ((size_t)cap < st.pos) {
        return VR_ETOOSMALL;
    }
    write_state wr = { .enc = enc, .prefix = prefix, .prefix_len = (size_t)prefix_len, .out = out };
    for_each_nal(pkt->data, (size_t)pkt->size, write_nal, &wr);
    if (!wr.prefix_done && wr.prefix_len > 0) {
        memcpy(out + wr.pos, prefix, wr.prefix_len);
        wr.pos += wr.prefix_len;
    }
    result->length = (int32_t)wr.pos;
    result->key_frame = (pkt->flags & AV_PKT_FLAG_KEY) != 0;
    int64_t index = pkt->pts;
    result->pts = index >= 0 && index < enc->next_index && enc->next_index - index <= PTS_RING
        ? enc->pts_ring[index % PTS_RING] : pkt->pts;
    result->dts = result->pts;
    result->config_changed = wr.config_changed;
    av_packet_unref(pkt);
    enc->has_pending = 0;
    return VR_OK;
}

int vr_h264_encoder_drop_pending(vr_h264_encoder *enc)
{
    if (enc == NULL) {
        return VR_EINVAL;
    }
    if (!enc->has_pending) {
        int err = avcodec_receive_packet(enc->ctx, enc->pkt);
        if (err < 0) {
            return err == AVERROR(EAGAIN) || err == AVERROR_EOF ? VR_EAGAIN : VR_EENCODE;
        }
    }
    av_packet_unref(enc->pkt);
    enc->has_pending = 0;
    return VR_OK;
}

int vr_h264_encoder_param_sets(const vr_h264_encoder *enc, uint8_t *sps, int32_t sps_cap, int32_t *sps_len,
                               uint8_t *pps, int32_t pps_cap, int32_t *pps_len)
{
    if (enc == NULL || sps_len == NULL || pps_len == NULL || sps_cap < 0 || pps_cap < 0
        || (sps == NULL && sps_cap > 0) || (pps == NULL && pps_cap > 0)) {
        return VR_EINVAL;
    }
    *sps_len = enc->sps_len;
    *pps_len = enc->pps_len;
    if (enc->sps_len == 0 || enc->pps_len == 0) {
        return VR_EAGAIN;
    }
    if (sps_cap < enc->sps_len || pps_cap < enc->pps_len) {
        return VR_ETOOSMALL;
    }
    memcpy(sps, enc->sps, (size_t)enc->sps_len);
    memcpy(pps, enc->pps, (size_t)enc->pps_len);
    return VR_OK;
}

void vr_h264_encoder_close(vr_h264_encoder *enc)
{
    if (enc == NULL) {
        return;
    }
    avcodec_free_context(&enc->ctx);
    av_frame_free(&enc->frame);
    av_packet_free(&enc->pkt);
    free(enc);
}
