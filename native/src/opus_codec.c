/* Opus encoder and decoder (libopus directly), 48 kHz, interleaved s16. */
#include "internal.h"

#include <opus.h>
#include <stdlib.h>

struct vr_opus_encoder {
    OpusEncoder *enc;
    int channels;
};

struct vr_opus_decoder {
    OpusDecoder *dec;
    int channels;
};

int vr_opus_encoder_open(int32_t channels, int32_t bitrate, vr_opus_encoder **out)
{
    if (out == NULL || (channels != 1 && channels != 2) || bitrate < 6000 || bitrate > 510000) {
        return VR_EINVAL;
    }
    *out = NULL;
    vr_opus_encoder *e = calloc(1, sizeof(*e));
    if (e == NULL) {
        return VR_ENOMEM;
    }
    int err = 0;
    e->enc = opus_encoder_create(48000, channels, OPUS_APPLICATION_AUDIO, &err);
    if (e->enc == NULL || err != OPUS_OK) {
        free(e);
        return err == OPUS_ALLOC_FAIL ? VR_ENOMEM : VR_ECODEC;
    }
    opus_encoder_ctl(e->enc, OPUS_SET_BITRATE(bitrate));
    opus_encoder_ctl(e->enc, OPUS_SET_COMPLEXITY(5));
    e->channels = channels;
    *out = e;
    return VR_OK;
}

int vr_opus_encoder_encode(vr_opus_encoder *enc, const int16_t *pcm, int32_t samples_per_channel,
                           uint8_t *out, int32_t cap, int32_t *written)
{
    if (enc == NULL || pcm == NULL || out == NULL || written == NULL || samples_per_channel != VR_OPUS_FRAME_SAMPLES
        || cap <= 0) {
        return VR_EINVAL;
    }
    *written = 0;
    int n = opus_encode(enc->enc, pcm, samples_per_channel, out, cap);
    if (n == OPUS_BUFFER_TOO_SMALL) {
        return VR_ETOOSMALL;
    }
    if (n < 0) {
        return VR_EENCODE;
    }
    *written = n;
    return VR_OK;
}

void vr_opus_encoder_close(vr_opus_encoder *enc)
{
    if (enc == NULL) {
        return;
    }
    opus_encoder_destroy(enc->enc);
    free(enc);
}

int vr_opus_decoder_open(int32_t channels, vr_opus_decoder **out)
{
    if (out == NULL || (channels != 1 && channels != 2)) {
        return VR_EINVAL;
    }
    *out = NULL;
    vr_opus_decoder *d = calloc(1, sizeof(*d));
    if (d == NULL) {
        return VR_ENOMEM;
    }
    int err = 0;
    d->dec = opus_decoder_create(48000, channels, &err);
    if (d->dec == NULL || err != OPUS_OK) {
        free(d);
        return err == OPUS_ALLOC_FAIL ? VR_ENOMEM : VR_ECODEC;
    }
    d->channels = channels;
    *out = d;
    return VR_OK;
}

int vr_opus_decoder_decode(vr_opus_decoder *dec, const uint8_t *packet, int32_t len, int16_t *pcm,
                           int32_t cap_samples_per_channel, int32_t *samples_per_channel)
{
    if (dec == NULL || packet == NULL || len <= 0 || len > 1275 * 3 || pcm == NULL || cap_samples_per_channel <= 0
        || samples_per_channel == NULL) {
        return VR_EINVAL;
    }
    *samples_per_channel = 0;
    int n = opus_decode(dec->dec, packet, len, pcm, cap_samples_per_channel, 0);
    if (n == OPUS_BUFFER_TOO_SMALL) {
        return VR_ETOOSMALL;
    }
    if (n < 0) {
        return VR_EDECODE;
    }
    *samples_per_channel = n;
    return VR_OK;
}

void vr_opus_decoder_close(vr_opus_decoder *dec)
{
    if (dec == NULL) {
        return;
    }
    opus_decoder_destroy(dec->dec);
    free(dec);
}
