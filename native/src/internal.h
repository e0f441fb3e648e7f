/* Internal helpers shared by the vrnative sources (not part of the ABI). */
#ifndef VRNATIVE_INTERNAL_H
#define VRNATIVE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <libavcodec/avcodec.h>

#include "vrnative.h"

/* Largest access unit / NAL unit accepted from a caller (bounds every length read from input). */
#define VR_MAX_ACCESS_UNIT (16 * 1024 * 1024)

struct vr_frame {
    AVFrame *av;
};

/* Reads a big-endian 32-bit value. */
static inline uint32_t vr_rb32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static inline void vr_wb32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* Finds the next Annex B start code at or after pos; returns its offset or len, and its size (3/4). */
size_t vr_find_start_code(const uint8_t *data, size_t len, size_t pos, int *code_size);

/* Maps a libavcodec error to a VR_E* code. */
int vr_map_av_error(int err);

#endif
