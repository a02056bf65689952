"""Error pages that say what went wrong for the user and nothing about the records."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def _page(request: HttpRequest, template: str, status: int) -> HttpResponse:
    if request.path.startswith("/api/"):
        detail = {403: "Forbidden", 404: "Not found", 500: "Server error"}[status]
        return HttpResponse(f'{{"detail": "{detail}"}}', status=status,
                            content_type="application/json")
    return HttpResponse(render_to_string(template, request=request), status=status)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, "errors/403.html", 403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, "errors/404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request context: a broken request must not break its error page.
    return HttpResponse(render_to_string("errors/500.html"), status=500)
