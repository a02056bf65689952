"""The REST API: one Ninja site mounting each room's router, with its OpenAPI schema at /api/docs.

Callers sign in through the web sign-in (password and two-factor code); the API takes that session
and checks CSRF on writes. Refusals are answered here, the same way for every room.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.security import SessionAuth

from lantern.access.scope import AccessDenied, NotVisible
from lantern.accounts.api import router as accounts_router
from lantern.accounts.mfa import is_verified
from lantern.audit.api import router as audit_router
from lantern.cases.api import router as cases_router
from lantern.cases.groups_api import router as groups_router
from lantern.justice.api import router as justice_router
from lantern.problems import Refused
from lantern.safeguarding.api import router as safeguarding_router
from lantern.safeguarding.support_api import router as support_router


class VerifiedSession(SessionAuth):
    """A signed-in session that has passed two-factor sign-in."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return request.user if is_verified(request) else None


api = NinjaAPI(
    title="Lantern API",
    version="1",
    description="Cases, referrals and intelligence for the police response to modern slavery.",
    auth=VerifiedSession(),
    urls_namespace="api",
)
api.add_router("/", accounts_router)
api.add_router("/audit/", audit_router)
api.add_router("/cases/", cases_router)
api.add_router("/cases/groups/", groups_router)
api.add_router("/justice/", justice_router)
api.add_router("/safeguarding/", safeguarding_router)
api.add_router("/safeguarding/", support_router)


@api.exception_handler(NotVisible)
def _not_visible(request: HttpRequest, exc: NotVisible) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.exception_handler(AccessDenied)
def _access_denied(request: HttpRequest, exc: AccessDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=403)


@api.exception_handler(Refused)
def _refused(request: HttpRequest, exc: Refused) -> HttpResponse:
    """Every room's refusal: 422 with each reason, or 409 when someone else saved first."""
    return api.create_response(request, {"detail": exc.messages}, status=exc.status)
