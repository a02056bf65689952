"""Who is asking: the signed-in user of a page request or an API call.

Both are guaranteed signed in with two factors before a view runs (the sign-in middleware and
the API's session auth), so neither is ever anonymous here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.http import HttpRequest

if TYPE_CHECKING:
    from lantern.accounts.models import User


def signed_in(request: HttpRequest) -> User:
    """The user behind a page request."""
    return cast("User", request.user)


def api_caller(request: HttpRequest) -> User:
    """The user behind an API call (Ninja puts the authenticated user in ``request.auth``)."""
    return cast("User", request.auth)  # type: ignore[attr-defined]
