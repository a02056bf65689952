"""The dashboards' figures kept for a few minutes, so that a page is counted once, not on every view.

A place's page counts the national tables 25 to 39 times (0.5 to 1 s of database time for the
nation); analysts open it again and again, and figures that are minutes old serve them as well.
``remembered`` keeps what a page counted in the ``figures`` cache (settings: a directory shared
by every server process) for ``LANTERN_FIGURES_SECONDS`` (300 by default; 0 counts every view,
as the tests do), and the page says when its figures were counted.

What is kept holds counts only, never a record or a name, and is keyed by what decides them: the
place, the organisations ``lantern.access`` agreed the user may count (``Counting``), the
period and the day. So it is the same whoever asks, and asking still goes through ``access``
first: a user who may not count the place is refused before the cache is read. The key also holds
a digest of this room's code, so figures kept by an earlier release are never read by a later one.
"""

from __future__ import annotations

import hashlib
import logging
import random
import time
from collections.abc import Callable, Hashable
from functools import cache
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches

from lantern.insights.figures_counting import Counting

T = TypeVar("T")
log = logging.getLogger(__name__)
# How long one view's count of old figures holds off the others' before they count too (a view
# that died while counting): far longer than any page takes to count.
_COUNTING_SECONDS = 120


@cache
def _code() -> str:
    """A digest of the insights room's code: what a kept value's shape and meaning come from."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def seconds() -> int:
    """How long counted figures are kept: 0 means every view counts afresh."""
    return int(getattr(settings, "LANTERN_FIGURES_SECONDS", 0))


def key_for(what: str, counted: Counting, *parts: Hashable) -> str:
    """The cache key of ``what`` for the counted organisations and ``parts`` (period, day...)."""
    described = repr((_code(), what, counted.place.kind.value, counted.place.code,
                      sorted(counted.organisation_ids), *parts))
    return "figures:" + hashlib.sha256(described.encode()).hexdigest()


def remembered(key: str, build: Callable[[], T]) -> T:
    """The value kept under ``key`` if counted recently (``seconds()``), else ``build()``, kept.

    When kept figures grow old, the first view to find them counts again and the views that
    come while it counts are given the old ones (at most one count more old, and saying when
    they were counted), rather than every server process counting the same page at once: on the
    national data one such moment, every dashboard at once in five processes, took the load
    benchmark's p95 from 130 ms to 520. Each entry is counted again after between three
    quarters of ``seconds()`` and all of it, chosen when it is kept, so that pages opened together
    (the day's first analysts) are not all counted again in the same minute. Figures are dropped
    for good after twice ``seconds()``. A kept value that cannot be read (a damaged file) is
    counted again, never an error page.
    """
    keep = seconds()
    if keep <= 0:
        return build()
    kept = caches["figures"]
    found: tuple[float, T] | None
    try:
        found = kept.get(key)
        if found is not None:
            fresh_until, value = found
    except Exception:  # any unreadable entry (a damaged or foreign file): count again
        log.warning("Kept dashboard figures could not be read; counting them again.")
        found = None
    now = time.time()
    if found is not None:
        if now < fresh_until or not kept.add(f"{key}:counting", now, timeout=_COUNTING_SECONDS):
            return value  # fresh, or old while another view counts them again
    try:
        value = build()
        kept.set(key, (now + keep * random.uniform(0.75, 1.0), value), timeout=2 * keep)  # noqa: S311  # nosec B311
    finally:
        if found is not None:
            kept.delete(f"{key}:counting")
    return value


def forget() -> None:
    """Drop every kept figure (``lantern recount-figures``, and tests)."""
    caches["figures"].clear()
