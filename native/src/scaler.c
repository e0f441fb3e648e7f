/* I420 -> I420 scaling with libswscale into caller-provided planes. */
#include "internal.h"

#include <libswscale/swscale.h>
#include <stdlib.h>

struct vr_scaler {
    struct SwsContext *sws;
    int src_w, src_h, dst_w, dst_h;
};

static int valid_size(int32_t w, int32_t h)
{
    return w >= 2 && h >= 2 && w <= 8192 && h <= 8192 && (w & 1) == 0 && (h & 1) == 0;
}

int vr_scaler_open(int32_t src_w, int32_t src_h, int32_t dst_w, int32_t dst_h, int32_t algorithm, vr_scaler **out)
{
    if (out == NULL || !valid_size(src_w, src_h) || !valid_size(dst_w, dst_h)
        || (algorithm != VR_SCALE_BILINEAR && algorithm != VR_SCALE_FAST_BILINEAR)) {
        return VR_EINVAL;
    }
    *out = NULL;
    vr_scaler *s = calloc(1, sizeof(*s));
    if (s == NULL) {
        return VR_ENOMEM;
    }
    int flags = algorithm == VR_SCALE_FAST_BILINEAR ? SWS_FAST_BILINEAR : SWS_BILINEAR;
    s->sws = sws_getContext(src_w, src_h, AV_PIX_FMT_YUV420P, dst_w, dst_h, AV_PIX_FMT_YUV420P, flags, NULL, NULL, NULL);
    if (s->sws == NULL) {
        free(s);
        return VR_ENOMEM;
    }
    s->src_w = src_w;
    s->src_h = src_h;
    s->dst_w = dst_w;
    s->dst_h = dst_h;
    *out = s;
    return VR_OK;
}

int vr_scaler_scale(vr_scaler *s, const vr_planes *src, const vr_planes *dst)
{
    if (s == NULL || src == NULL || dst == NULL || src->y == NULL || src->u == NULL || src->v == NULL
        || dst->y == NULL || dst->u == NULL || dst->v == NULL
        || src->width != s->src_w || src->height != s->src_h || dst->width != s->dst_w || dst->height != s->dst_h
        || src->stride_y < s->src_w || src->stride_u < s->src_w / 2 || src->stride_v < s->src_w / 2
        || dst->stride_y < s->dst_w || dst->stride_u < s->dst_w / 2 || dst->stride_v < s->dst_w / 2) {
        return VR_EINVAL;
    }
    const uint8_t *const src_data[4] = { src->y, src->u, src->v, NULL };
    const int src_stride[4] = { src->stride_y, src->stride_u, src->stride_v, 0 };
    uint8_t *const dst_data[4] = { dst->y, dst->u, dst->v, NULL };
    const int dst_stride[4] = { dst->stride_y, dst->stride_u, dst->stride_v, 0 };
    int rows = sws_scale(s->sws, src_data, src_stride, 0, s->src_h, dst_data, dst_stride);
    return rows == s->dst_h ? VR_OK : VR_EINVAL;
}

void vr_scaler_close(vr_scaler *s)
{
    if (s == NULL) {
        return;
    }
    sws_freeContext(s->sws);
    free(s);
}
