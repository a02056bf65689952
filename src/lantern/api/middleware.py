"""Refuses API requests whose text holds the NUL character, before anything reads them.

PostgreSQL's text columns cannot keep NUL, and nobody types it: a path, query or JSON body holding
one would otherwise fail in the database as a server error. The pages need no such guard, since
Django's form fields refuse it themselves.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

NUL = "\x00"


def _holds_nul(value: Any) -> bool:
    """Whether a parsed JSON value holds NUL in any string, key or value, however deep."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(v) for v in value)
    return False


def nul_found_in(request: HttpRequest) -> str | None:
    """Where the request holds NUL (``"path"``, ``"query"`` or ``"body"``), or None."""
    if NUL in request.path_info:
        return "path"
    if any(NUL in key or any(NUL in v for v in values) for key, values in request.GET.lists()):
        return "query"
    if request.body:
        try:
            body = json.loads(request.body)
        except ValueError:
            return None  # not JSON at all: the API answers that itself (400)
        if _holds_nul(body):
            return "body"
    return None


class NulRefusalMiddleware:
    """Answers 422 to an API request holding NUL, saying where, and changes nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            where = nul_found_in(request)
            if where is not None:
                return JsonResponse({"detail": [
                    f"Remove the NUL character (\\u0000) from the {where}: Lantern cannot keep it in text."
                ]}, status=422)
        return self.get_response(request)
