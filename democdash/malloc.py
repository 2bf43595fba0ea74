"""Large freed blocks handed back to the system (glibc only): a server's resident memory.

glibc's malloc serves a block of at least its "mmap threshold" (128 KiB at start) from a
mapping of its own, unmapped when freed. But the threshold is dynamic: freeing such a block
raises it to that block's size (up to 32 MiB). After the first large frame is built, the
megabyte-sized buffers of every later one (decoded payloads, joined JSON, column arrays) come
from the heap, and the holes they leave stay resident. Measured on the bench's scale store
(`democdash bench`), a server's peak went from 412-420 MB to 382 MB with the threshold fixed.

Setting the threshold with `mallopt` fixes it (glibc then stops adjusting it). An operator's
`MALLOC_MMAP_THRESHOLD_` environment variable wins: nothing is changed then.
"""

from __future__ import annotations

import ctypes
import os
import sys

#: Blocks of at least this many bytes get a mapping of their own (glibc's starting value).
MMAP_THRESHOLD = 128 * 1024
_M_MMAP_THRESHOLD = -3  # from glibc's malloc.h
ENV = "MALLOC_MMAP_THRESHOLD_"


def fix_mmap_threshold(threshold: int = MMAP_THRESHOLD) -> bool:
    """Fix glibc's mmap threshold at `threshold` bytes; True when it is now in force (False
    off Linux, without glibc, or when `MALLOC_MMAP_THRESHOLD_` is set)."""
    if not sys.platform.startswith("linux") or os.environ.get(ENV):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library the interpreter runs on
    except (OSError, AttributeError):  # musl and others: no mallopt
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return mallopt(_M_MMAP_THRESHOLD, threshold) == 1
