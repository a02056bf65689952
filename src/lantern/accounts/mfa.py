"""Whether a signed-in session has passed its second factor, and the demo-only bypass."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

DEMO_BYPASS_SESSION_KEY = "lantern_mfa_demo_bypass"


def demo_bypass_available() -> bool:
    """The bypass exists only when LANTERN_ENV=demo."""
    return bool(settings.LANTERN_MFA_DEMO_BYPASS)


def demo_bypass_used(request: HttpRequest) -> bool:
    return demo_bypass_available() and bool(request.session.get(DEMO_BYPASS_SESSION_KEY))


def is_verified(request: HttpRequest) -> bool:
    """Signed in with a password and a current two-factor code (or the demo bypass)."""
    user = request.user
    if not user.is_authenticated:
        return False
    return bool(getattr(user, "is_verified", lambda: False)()) or demo_bypass_used(request)
