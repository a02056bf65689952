"""Every page route Django's URL resolver knows, for the proof tests that must cover them all
(the access matrix, audit completeness): a new route is in their tables or they fail."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

from django.urls import URLPattern, URLResolver


def url_patterns(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[
        tuple[str, str, Any]]:
    """(route, "namespace:name", view) for every pattern below ``patterns``, includes unfolded."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespace + (pattern.name or ""), pattern.callback


def page_methods(view: Any) -> list[str]:
    """The methods a page answers: those ``require_http_methods`` names, else GET (a plain page)."""
    allowed = inspect.getclosurevars(view).nonlocals.get("request_method_list")
    return sorted(allowed) if allowed else ["GET"]
