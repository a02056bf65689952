"""What every page's layout needs: who is signed in, where from, and what they may open."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from lantern.access.rules import Capability
from lantern.access.scope import capabilities
from lantern.accounts.mfa import demo_bypass_available, demo_bypass_used, is_verified


def lantern(request: HttpRequest) -> dict[str, Any]:
    verified = is_verified(request)
    granted = capabilities(request.user) if verified else frozenset()
    return {
        "lantern_demo": demo_bypass_available(),
        "mfa_demo_bypassed": demo_bypass_used(request),
        "signed_in": verified,
        "may_search_audit": Capability.SEARCH_AUDIT in granted,
        "may_manage_users": Capability.MANAGE_USERS in granted,
        "may_see_cases": Capability.SEE_CASES in granted,
        "may_record_encounter": Capability.RECORD_ENCOUNTER in granted,
    }
