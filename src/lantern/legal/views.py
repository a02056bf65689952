"""The table of dated legal rules: everyone may read it; the national unit adds rows."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from lantern.access.rules import Capability
from lantern.access.scope import can, require
from lantern.form_pages import attempt, form_page
from lantern.legal.forms import LegalRuleForm
from lantern.legal.models import LegalRule
from lantern.legal.rules import RuleKey
from lantern.legal.services import legal_rule_add
from lantern.request_user import signed_in


def rule_table(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    return render(request, "legal/rules.html", {
        "rules": LegalRule.objects.select_related("added_by"),
        "may_add": can(user, Capability.MANAGE_LEGAL_RULES),
    })


@require_http_methods(["GET", "POST"])
def rule_add(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    require(user, Capability.MANAGE_LEGAL_RULES)
    form = LegalRuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(form, lambda: legal_rule_add(
                user=user, key=RuleKey(data["key"]), value=data["value"],
                in_force_from=data["in_force_from"], source=data["source"])) is not None:
            return redirect("legal:rules")
    return form_page(request, form, title="Add a rule as the law changes", button="Add rule",
                     intro="Rows are never edited: records decided under an earlier rule keep it.",
                     back="/legal/")
