"""Every page needs a signed-in, two-factor-verified user; pages with personal data are not cached."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from lantern.accounts.mfa import is_verified

# Paths a person reaches before they have finished signing in.
_OPEN_PREFIXES = ("/sign-in/", "/health", "/" + settings.STATIC_URL.lstrip("/"))


class SignInRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        if path.startswith(_OPEN_PREFIXES) or path == reverse("accounts:sign-out"):
            return self.get_response(request)
        if is_verified(request):
            return self.get_response(request)
        if path.startswith("/api/"):
            return JsonResponse(
                {"detail": "Sign in with your password and two-factor code first."}, status=401
            )
        if request.user.is_authenticated:
            return redirect("accounts:two-factor")
        return redirect(f"{reverse('accounts:sign-in')}?next={request.get_full_path()}")


class NoStoreMiddleware:
    """Pages and API answers may hold personal data: no browser or proxy may keep a copy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/" + settings.STATIC_URL.lstrip("/")):
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
        return response


# The idle timeout is pushed on by a request at most this often: a session is written (an UPDATE
# and a commit) once a minute of activity, not on every page, and still ends 29 to 30 minutes
# after its last request.
SESSION_REFRESH_SECONDS = 60
_REFRESHED = "lantern_refreshed_at"


class IdleTimeoutMiddleware:
    """Sessions end after ``SESSION_COOKIE_AGE`` (30 minutes) without a request.

    Each request that comes a minute or more after the session was last written marks it
    changed, so Django's session middleware writes it with a new expiry; requests in between
    write nothing. Goes straight after ``SessionMiddleware``, whose answer half does the writing.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.session_key is not None:
            now = int(time.time())
            if now - int(session.get(_REFRESHED, 0)) >= SESSION_REFRESH_SECONDS:
                session[_REFRESHED] = now
        return response

