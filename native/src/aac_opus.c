/* AAC (raw access units + AudioSpecificConfig) -> 48 kHz stereo s16 -> 20 ms Opus packets. */
#include "internal.h"

#include <libavutil/audio_fifo.h>
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>
#include <stdlib.h>
#include <string.h>

#define OUT_RATE 48000
#define OUT_CHANNELS 2
#define MAX_FIFO_SAMPLES (OUT_RATE * 2) /* 2 s: the caller drains after every send */

struct vr_aac_opus {
    AVCodecContext *dec;
    AVPacket *pkt;
    AVFrame *frame;
    SwrContext *swr;
    int swr_in_rate;
    AVChannelLayout swr_in_layout;
    int swr_in_format;
    AVAudioFifo *fifo;
    int16_t *chunk;          /* one 960-sample interleaved frame */
    int16_t *resampled;      /* resampler output scratch */
    int resampled_cap;       /* samples per channel */
    vr_opus_encoder *opus;
    int64_t index;
};

int vr_aac_opus_open(const uint8_t *asc, int32_t asc_len, int32_t bitrate, vr_aac_opus **out)
{
    if (out == NULL || asc == NULL || asc_len < 2 || asc_len > 64) {
        return VR_EINVAL;
    }
    *out = NULL;
    const AVCodec *codec = avcodec_find_decoder(AV_CODEC_ID_AAC);
    if (codec == NULL) {
        return VR_ECODEC;
    }
    vr_aac_opus *t = calloc(1, sizeof(*t));
    if (t == NULL) {
        return VR_ENOMEM;
    }
    int rc = vr_opus_encoder_open(OUT_CHANNELS, bitrate, &t->opus);
    if (rc != VR_OK) {
        free(t);
        return rc;
    }
    t->dec = avcodec_alloc_context3(codec);
    t->pkt = av_packet_alloc();
    t->frame = av_frame_alloc();
    t->fifo = av_audio_fifo_alloc(AV_SAMPLE_FMT_S16, OUT_CHANNELS, 4096);
    t->chunk = av_malloc(sizeof(int16_t) * VR_OPUS_FRAME_SAMPLES * OUT_CHANNELS);
    if (t->dec == NULL || t->pkt == NULL || t->frame == NULL || t->fifo == NULL || t->chunk == NULL) {
        vr_aac_opus_close(t);
        return VR_ENOMEM;
    }
    t->dec->extradata = av_mallocz((size_t)asc_len + AV_INPUT_BUFFER_PADDING_SIZE);
    if (t->dec->extradata == NULL) {
        vr_aac_opus_close(t);
        return VR_ENOMEM;
    }
    memcpy(t->dec->extradata, asc, (size_t)asc_len);
    t->dec->extradata_size = asc_len;
    t->dec->thread_count = 1;
    if (avcodec_open2(t->dec, codec, NULL) < 0) {
        vr_aac_opus_close(t);
        return VR_EDECODE; /* the AudioSpecificConfig was rejected */
    }
    *out = t;
    return VR_OK;
}

/* (Re)creates the resampler when the decoded format changes (first frame, or an SBR/PS switch). */
static int ensure_swr(vr_aac_opus *t, const AVFrame *f)
{
    if (t->swr != NULL && t->swr_in_rate == f->sample_rate && t->swr_in_format == f->format
        && av_channel_layout_compare(&t->swr_in_layout, &f->ch_layout) == 0) {
        return VR_OK;
    }
    swr_free(&t->swr);
    av_channel_layout_uninit(&t->swr_in_layout);
    AVChannelLayout out_layout = AV_CHANNEL_LAYOUT_STEREO;
    if (av_channel_layout_copy(&t->swr_in_layout, &f->ch_layout) < 0) {
        return VR_ENOMEM;
    }
    if (swr_alloc_set_opts2(&t->swr, &out_layout, AV_SAMPLE_FMT_S16, OUT_RATE, &t->swr_in_layout, f->format,
                            f->sample_rate, 0, NULL) < 0 || swr_init(t->swr) < 0) {
        swr_free(&t->swr);
        av_channel_layout_uninit(&t->swr_in_layout);
        return VR_EUNSUPPORTED;
    }
    t->swr_in_rate = f->sample_rate;
    t->swr_in_format = f->format;
    return VR_OK;
}

static int push_frame(vr_aac_opus *t, const AVFrame *f)
{
    int rc = ensure_swr(t, f);
    if (rc != VR_OK) {
        return rc;
    }
    int max_out = swr_get_out_samples(t->swr, f->nb_samples);
    if (max_out < 0) {
        return VR_EDECODE;
    }
    if (max_out > t->resampled_cap) {
        av_freep(&t->resampled);
        t->resampled = av_malloc(sizeof(int16_t) * (size_t)max_out * OUT_CHANNELS);
        if (t->resampled == NULL) {
            t->resampled_cap = 0;
            return VR_ENOMEM;
        }
        t->resampled_cap = max_out;
    }
    uint8_t *dst[1] = { (uint8_t *)t->resampled };
    int n = swr_convert(t->swr, dst, max_out, (const uint8_t **)f->extended_data, f->nb_samples);
    if (n < 0) {
        return VR_EDECODE;
    }
    if (av_audio_fifo_size(t->fifo) + n > MAX_FIFO_SAMPLES) {
        return VR_ETOOSMALL; /* the caller stopped draining: refuse rather than grow */
    }
    if (n > 0 && av_audio_fifo_write(t->fifo, (void **)dst, n) < n) {
        return VR_ENOMEM;
    }
    return VR_OK;
}

int vr_aac_opus_send(vr_aac_opus *t, const uint8_t *aac, int32_t len)
{
    if (t == NULL || aac == NULL || len <= 0 || len > 64 * 1024) {
        return VR_EINVAL;
    }
    av_packet_unref(t->pkt);
    if (av_new_packet(t->pkt, len) < 0) {
        return VR_ENOMEM;
    }
    memcpy(t->pkt->data, aac, (size_t)len);
    int err = avcodec_send_packet(t->dec, t->pkt);
    av_packet_unref(t->pkt);
    if (err < 0 && err != AVERROR(EAGAIN)) {
        return err == AVERROR(ENOMEM) ? VR_ENOMEM : VR_EDECODE;
    }
    int rc = VR_OK;
    while ((err = avcodec_receive_frame(t->dec, t->frame)) >= 0) {
        int pushed = push_frame(t, t->frame);
        av_frame_unref(t->frame);
        if (pushed != VR_OK) {
            rc = pushed;
        }
    }
    if (err != AVERROR(EAGAIN) && err != AVERROR_EOF && rc == VR_OK) {
        rc = VR_EDECODE;
    }
    return rc;
}

int vr_aac_opus_receive(vr_aac_opus *t, uint8_t *out, int32_t cap, int32_t *written, int64_t *index)
{
    if (t == NULL || out == NULL || cap <= 0 || written == NULL || index == NULL) {
        return VR_EINVAL;
    }
    *written = 0;
    *index = t->index;
    if (av_audio_fifo_size(t->fifo) < VR_OPUS_FRAME_SAMPLES) {
        return VR_EAGAIN;
    }
    void *dst[1] = { t->chunk };
    if (av_audio_fifo_peek(t->fifo, dst, VR_OPUS_FRAME_SAMPLES) < VR_OPUS_FRAME_SAMPLES) {
        return VR_EAGAIN;
    }
    int rc = vr_opus_encoder_encode(t->opus, t->chunk, VR_OPUS_FRAME_SAMPLES, out, cap, written);
    if (rc != VR_OK) {
        return rc; /* ETOOSMALL keeps the samples for a retry */
    }
    av_audio_fifo_drain(t->fifo, VR_OPUS_FRAME_SAMPLES);
    t->index++;
    return VR_OK;
}

int vr_aac_opus_buffered(const vr_aac_opus *t)
{
    return t == NULL ? VR_EINVAL : av_audio_fifo_size(t->fifo);
}

void vr_aac_opus_close(vr_aac_opus *t)
{
    if (t == NULL) {
        return;
    }
    avcodec_free_context(&t->dec);
    av_packet_free(&t->pkt);
    av_frame_free(&t->frame);
    swr_free(&t->swr);
    av_channel_layout_uninit(&t->swr_in_layout);
    if (t->fifo != NULL) {
        av_audio_fifo_free(t->fifo);
    }
    av_freep(&t->chunk);
    av_freep(&t->resampled);
    vr_opus_encoder_close(t->opus);
    free(t);
}
