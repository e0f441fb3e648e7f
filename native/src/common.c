#include "internal.h"

#include <libavutil/error.h>
#include <libavutil/frame.h>
#include <libavutil/log.h>
#include <stdlib.h>

const char *vr_strerror(int code)
{
    switch (code) {
    case VR_OK: return "ok";
    case VR_EAGAIN: return "no output yet (send more input)";
    case VR_EINVAL: return "invalid argument";
    case VR_ENOMEM: return "out of memory";
    case VR_EDECODE: return "corrupt or undecodable input";
    case VR_ETOOSMALL: return "buffer too small";
    case VR_EUNSUPPORTED: return "unsupported input";
    case VR_EENCODE: return "encoder failure";
    case VR_ECODEC: return "codec not available";
    default: return "unknown error";
    }
}

int vr_version(void)
{
    return 0x010000;
}

void vr_set_log_level(int32_t level)
{
    av_log_set_level(level);
}

void vr_frame_release(vr_frame *frame)
{
    if (frame == NULL) {
        return;
    }
    av_frame_free(&frame->av);
    free(frame);
}

size_t vr_find_start_code(const uint8_t *data, size_t len, size_t pos, int *code_size)
{
    for (size_t i = pos; i + 3 <= len; i++) {
        if (data[i] == 0 && data[i + 1] == 0) {
            if (data[i + 2] == 1) {
                if (i > pos && data[i - 1] == 0) {
                    *code_size = 4;
                    return i - 1;
                }
                *code_size = 3;
                return i;
            }
        }
    }
    *code_size = 0;
    return len;
}

int vr_map_av_error(int err)
{
    if (err >= 0) {
        return VR_OK;
    }
    if (err == AVERROR(EAGAIN) || err == AVERROR_EOF) {
        return VR_EAGAIN;
    }
    if (err == AVERROR(ENOMEM)) {
        return VR_ENOMEM;
    }
    if (err == AVERROR(EINVAL)) {
        return VR_EINVAL;
    }
    if (err == AVERROR_PATCHWELCOME) {
        return VR_EUNSUPPORTED;
    }
    return VR_EDECODE;
}
