/* H.264 decoder: AVCC access units in, reference-counted I420 pictures out. */
#include "internal.h"

#include <libavutil/mem.h>
#include <libavutil/pixdesc.h>
#include <stdlib.h>
#include <string.h>

struct vr_h264_decoder {
    AVCodecContext *ctx;
    AVPacket *pkt;
    AVFrame *frame;
    uint8_t *annexb;        /* reusable conversion buffer (grows, padded) */
    unsigned int annexb_cap;
};

static int set_extradata(AVCodecContext *ctx, const uint8_t *sps, int32_t sps_len, const uint8_t *pps, int32_t pps_len)
{
    size_t total = (sps_len > 0 ? 4 + (size_t)sps_len : 0) + (pps_len > 0 ? 4 + (size_t)pps_len : 0);
    if (total == 0) {
        return VR_OK;
    }
    uint8_t *extra = av_mallocz(total + AV_INPUT_BUFFER_PADDING_SIZE);
    if (extra == NULL) {
        return VR_ENOMEM;
    }
    size_t pos = 0;
    static const uint8_t start[4] = { 0, 0, 0, 1 };
    if (sps_len > 0) {
        memcpy(extra + pos, start, 4);
        memcpy(extra + pos + 4, sps, (size_t)sps_len);
        pos += 4 + (size_t)sps_len;
    }
    if (pps_len > 0) {
        memcpy(extra + pos, start, 4);
        memcpy(extra + pos + 4, pps, (size_t)pps_len);
    }
    ctx->extradata = extra;
    ctx->extradata_size = (int)total;
    return VR_OK;
}

int vr_h264_decoder_open(const uint8_t *sps, int32_t sps_len, const uint8_t *pps, int32_t pps_len,
                         int32_t threads, vr_h264_decoder **out)
{
    if (out == NULL || sps_len < 0 || pps_len < 0 || (sps == NULL && sps_len > 0) || (pps == NULL && pps_len > 0)
        || sps_len > 4096 || pps_len > 4096 || threads < 0 || threads > 16) {
        return VR_EINVAL;
    }
    *out = NULL;
    const AVCodec *codec = avcodec_find_decoder(AV_CODEC_ID_H264);
    if (codec == NULL) {
        return VR_ECODEC;
    }
    vr_h264_decoder *dec = calloc(1, sizeof(*dec));
    if (dec == NULL) {
        return VR_ENOMEM;
    }
    dec->ctx = avcodec_alloc_context3(codec);
    dec->pkt = av_packet_alloc();
    dec->frame = av_frame_alloc();
    if (dec->ctx == NULL || dec->pkt == NULL || dec->frame == NULL) {
        vr_h264_decoder_close(dec);
        return VR_ENOMEM;
    }
    int rc = set_extradata(dec->ctx, sps, sps_len, pps, pps_len);
    if (rc != VR_OK) {
        vr_h264_decoder_close(dec);
        return rc;
    }
    dec->ctx->flags |= AV_CODEC_FLAG_LOW_DELAY;
    dec->ctx->thread_count = threads <= 1 ? 1 : threads;
    dec->ctx->thread_type = threads <= 1 ? 0 : FF_THREAD_SLICE; /* never FF_THREAD_FRAME */
    if (avcodec_open2(dec->ctx, codec, NULL) < 0) {
        vr_h264_decoder_close(dec);
        return VR_ECODEC;
    }
    *out = dec;
    return VR_OK;
}

/* AVCC -> Annex B (4-byte start codes), every length checked against the input. */
static int to_annexb(vr_h264_decoder *dec, const uint8_t *avcc, int32_t len, int *out_len)
{
    /* Same size: each 4-byte length becomes a 4-byte start code. */
    av_fast_padded_malloc(&dec->annexb, &dec->annexb_cap, (size_t)len);
    if (dec->annexb == NULL) {
        dec->annexb_cap = 0;
        return VR_ENOMEM;
    }
    size_t pos = 0, n = (size_t)len;
    while (pos < n) {
        if (n - pos < 4) {
            return VR_EDECODE;
        }
        uint32_t nal_len = vr_rb32(avcc + pos);
        if (nal_len == 0 || nal_len > n - pos - 4) {
            return VR_EDECODE;
        }
        uint8_t *dst = dec->annexb + pos;
        dst[0] = 0;
        dst[1] = 0;
        dst[2] = 0;
        dst[3] = 1;
        memcpy(dst + 4, avcc + pos + 4, nal_len);
        pos += 4 + nal_len;
    }
    *out_len = len;
    return VR_OK;
}

int vr_h264_decoder_send(vr_h264_decoder *dec, const uint8_t *avcc, int32_t len, int64_t token)
{
    if (dec == NULL || len <= 0 || avcc == NULL || len > VR_MAX_ACCESS_UNIT) {
        return VR_EINVAL;
    }
    int annexb_len = 0;
    int rc = to_annexb(dec, avcc, len, &annexb_len);
    if (rc != VR_OK) {
        return rc;
    }
    av_packet_unref(dec->pkt);
    dec->pkt->data = dec->annexb;
    dec->pkt->size = annexb_len;
    dec->pkt->pts = token;
    dec->pkt->dts = AV_NOPTS_VALUE;
    int err = avcodec_send_packet(dec->ctx, dec->pkt);
    dec->pkt->data = NULL;
    dec->pkt->size = 0;
    if (err == AVERROR(EAGAIN)) {
        /* Output not drained: the caller must receive first. Never happens when it drains after every send. */
        return VR_EAGAIN;
    }
    if (err < 0) {
        return err == AVERROR(ENOMEM) ? VR_ENOMEM : VR_EDECODE;
    }
    return VR_OK;
}

int vr_h264_decoder_receive(vr_h264_decoder *dec, vr_picture *pic)
{
    if (dec == NULL || pic == NULL) {
        return VR_EINVAL;
    }
    memset(pic, 0, sizeof(*pic));
    int err = avcodec_receive_frame(dec->ctx, dec->frame);
    if (err < 0) {
        return err == AVERROR(EAGAIN) || err == AVERROR_EOF ? VR_EAGAIN : vr_map_av_error(err);
    }
    AVFrame *f = dec->frame;
    if ((f->format != AV_PIX_FMT_YUV420P && f->format != AV_PIX_FMT_YUVJ420P) || f->width <= 0 || f->height <= 0) {
        av_frame_unref(f);
        return VR_EUNSUPPORTED;
    }
    vr_frame *handle = malloc(sizeof(*handle));
    AVFrame *ref = av_frame_alloc();
    if (handle == NULL || ref == NULL) {
        free(handle);
        av_frame_free(&ref);
        av_frame_unref(f);
        return VR_ENOMEM;
    }
    av_frame_move_ref(ref, f);
    handle->av = ref;
    pic->frame = handle;
    pic->planes.y = ref->data[0];
    pic->planes.u = ref->data[1];
    pic->planes.v = ref->data[2];
    pic->planes.stride_y = ref->linesize[0];
    pic->planes.stride_u = ref->linesize[1];
    pic->planes.stride_v = ref->linesize[2];
    pic->planes.width = ref->width;
    pic->planes.height = ref->height;
    pic->token = ref->pts != AV_NOPTS_VALUE ? ref->pts : ref->best_effort_timestamp;
    pic->key_frame = ref->key_frame;
    pic->corrupt = (ref->flags & AV_FRAME_FLAG_CORRUPT) != 0 || ref->decode_error_flags != 0;
    return VR_OK;
}

int vr_h264_decoder_reorder_depth(const vr_h264_decoder *dec)
{
    return dec == NULL ? VR_EINVAL : dec->ctx->has_b_frames;
}

void vr_h264_decoder_close(vr_h264_decoder *dec)
{
    if (dec == NULL) {
        return;
    }
    avcodec_free_context(&dec->ctx);
    av_packet_free(&dec->pkt);
    av_frame_free(&dec->frame);
    av_freep(&dec->annexb);
    free(dec);
}
