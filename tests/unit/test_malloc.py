"""glibc's mmap threshold fixed, so that large freed blocks leave a server's resident memory."""

from __future__ import annotations

import os
import platform
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="glibc's malloc only",
)

# Frees a 20 MiB block (glibc's dynamic threshold then rises to 20 MiB), then allocates 2 MiB
# and says whether that block got a mapping of its own (mallinfo2's hblkhd: mapped bytes).
PROBE = """
import ctypes, sys
from democdash.malloc import fix_mmap_threshold

class MallInfo2(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]

libc = ctypes.CDLL(None)
libc.mallinfo2.restype = MallInfo2
applied = fix_mmap_threshold() if sys.argv[1] == "fix" else None
big = bytearray(20 * 2**20)
del big
before = libc.mallinfo2().hblkhd
block = bytearray(2 * 2**20)
print(applied, libc.mallinfo2().hblkhd - before >= 2 * 2**20)
"""


def _probe(mode: str, **env: str) -> str:
    environ = {k: v for k, v in os.environ.items() if k != "MALLOC_MMAP_THRESHOLD_"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, mode],
        capture_output=True,
        text=True,
        check=True,
        env={**environ, **env},
    )
    return done.stdout.strip()


def test_a_large_block_is_mapped_again_after_a_larger_one_was_freed():
    assert _probe("plain") == "None False"  # glibc's dynamic threshold: served from the heap
    assert _probe("fix") == "True True"


def test_the_operators_environment_variable_wins():
    assert _probe("fix", MALLOC_MMAP_THRESHOLD_="65536").startswith("False")
