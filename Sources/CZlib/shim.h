#ifndef LEAKWATCH_CZLIB_SHIM_H
#define LEAKWATCH_CZLIB_SHIM_H

#include <zlib.h>

/// `inflateInit2` is a macro; Swift needs a function.
static inline int leakwatch_inflate_init2(z_stream *stream, int window_bits) {
    return inflateInit2(stream, window_bits);
}

/// `deflateInit2` is a macro; Swift needs a function.
static inline int leakwatch_deflate_init2(z_stream *stream, int level, int window_bits) {
    return deflateInit2(stream, level, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY);
}

#endif
