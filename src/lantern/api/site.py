"""The REST API: one Ninja site mounting each room's router, with its OpenAPI schema at /api/docs.

Callers sign in through the web sign-in (password and two-factor code); the API takes that session
and checks CSRF on writes. Refusals are answered here, the same way for every room, and the answers
every operation shares are documented here once (``shared_answers``), not in each room's router.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.openapi.schema import BODY_CONTENT_TYPES, REF_TEMPLATE, OpenAPISchema
from ninja.operation import Operation
from ninja.schema import NinjaGenerateJsonSchema
from ninja.security import SessionAuth

from lantern.access.scope import AccessDenied, NotVisible
from lantern.accounts.api import router as accounts_router
from lantern.accounts.mfa import is_verified
from lantern.api.schemas import ErrorOut, RefusalOut
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


def shared_answers(operation: Operation) -> dict[int, type[Schema]]:
    """The answers an operation can give whatever it does, beside those its router documents."""
    found: dict[int, type[Schema]] = {}
    if operation.auth_callbacks:
        found[401] = ErrorOut  # not signed in with both factors (the sign-in middleware answers first)
    if set(operation.methods) - {"GET", "HEAD", "OPTIONS"}:
        found[403] = ErrorOut  # a change whose CSRF token is missing or wrong (the session auth)
    if any(model.__ninja_param_source__ in BODY_CONTENT_TYPES for model in operation.models):
        found[400] = ErrorOut  # a body that is not JSON at all
    # Input that does not fit the operation's schema (Ninja's validation), or any request holding
    # the NUL character (``lantern.api.middleware``), whether or not the operation takes input.
    found[422] = RefusalOut
    return found


class DocumentedSchema(OpenAPISchema):
    """The OpenAPI schema, with the shared answers added to every operation's own."""

    def responses(self, operation: Operation) -> dict[int, Any]:
        documented = super().responses(operation)
        for status, model in shared_answers(operation).items():
            documented.setdefault(status, {
                "description": HTTPStatus(status).phrase,
                "content": {self.api.renderer.media_type: {"schema": self._component(model)}},
            })
        return dict(sorted(documented.items()))

    def _component(self, model: type[Schema]) -> dict[str, str]:
        schema = model.model_json_schema(ref_template=REF_TEMPLATE, mode="serialization",
                                         schema_generator=NinjaGenerateJsonSchema)
        self.add_schema_definitions({**schema.pop("$defs", {}), model.__name__: schema})
        return {"$ref": REF_TEMPLATE.format(model=model.__name__)}


class LanternAPI(NinjaAPI):
    """Django Ninja's API, whose schema documents the answers every operation shares."""

    def get_openapi_schema(self, *, path_prefix: str | None = None,
                           path_params: dict[str, Any] | None = None) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return DocumentedSchema(self, path_prefix)


api = LanternAPI(
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
