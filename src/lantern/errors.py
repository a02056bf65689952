"""Turns each room's refusals into HTTP answers, in one place.

``NotVisible`` becomes the same 404 a missing record gets; ``AccessDenied`` a 403. Error pages say
nothing about the records, so a refusal never confirms that something exists.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from lantern.access.scope import AccessDenied, NotVisible


class RefusalMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, NotVisible):
            raise Http404() from exception
        if isinstance(exception, AccessDenied):
            raise PermissionDenied() from exception
