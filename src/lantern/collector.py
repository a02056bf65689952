"""Python's cyclic garbage collector, paused while a bulk job makes millions of small objects.

Why: every allocation-triggered collection walks every live object, and a bulk job holds
millions (the generator's batch, the linkage engine's records and rows), none of them in a
cycle. Paused around the generator's batch, building the rows took half the time at national
scale (527 s to 221 s for 1,000,000 persons); around the linkage engine's normalising, see
``benchmarks/README.md``. Reference counting still frees everything, and the collector's state
is put back as it was. Plain Python, so the linkage engine (which may not import Django) can
use it too.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
