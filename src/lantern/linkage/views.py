"""Pages for connections across forces. Thin: parse, call, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from lantern.access.rules import Capability
from lantern.access.scope import can, require
from lantern.form_pages import form_step
from lantern.linkage import forms, live, queries, services, tasks
from lantern.linkage.models import LinkRun
from lantern.linkage.records import PersonRecord
from lantern.linkage.rules import DecisionOutcome
from lantern.request_user import signed_in as _user

# Matches a screen, strongest first; the largest forces' run to thousands.
MATCHES_PAGE_SIZE = 50


def connections(request: HttpRequest) -> HttpResponse:
    """The officer's task list of connections, and the matches that touch their force's records,
    a page at a time (one more row read than shown says whether there is a next page)."""
    user = _user(request)
    asked = request.GET.get("page", "")
    page = int(asked) if asked.isdigit() and 0 < int(asked) < 10_000 else 1
    start = (page - 1) * MATCHES_PAGE_SIZE
    matches = list(queries.matches_for(user)[start:start + MATCHES_PAGE_SIZE + 1])
    return render(request, "linkage/connections.html", {
        "notices": queries.notices_for(user)[:200], "matches": matches[:MATCHES_PAGE_SIZE],
        "page": page, "first_shown": start + 1, "last_shown": start + len(matches[:MATCHES_PAGE_SIZE]),
        "newer": page - 1,
        "older": page + 1 if len(matches) > MATCHES_PAGE_SIZE else 0,
        "run": queries.latest_run(), "may_run": can(user, Capability.RUN_LINKAGE)})


@require_http_methods(["GET", "POST"])
def match_detail(request: HttpRequest, match_id: int) -> HttpResponse:
    user = _user(request)
    view = queries.match_detail(user=user, match_id=match_id)
    form = forms.DecisionForm(request.POST or None, initial={
        "outcome": view.decision.outcome if view.decision else None})
    if request.method == "POST" and view.may_decide:
        return form_step(request, form, action=lambda d: services.match_decide(
            user=user, match_id=match_id, outcome=DecisionOutcome(d["outcome"]), reason=d["reason"]),
            done=reverse("linkage:match", args=[match_id]), title="Decide on this match",
            button="Save decision", back=reverse("linkage:match", args=[match_id]))
    return render(request, "linkage/match_detail.html", {"view": view, "form": form})


@require_http_methods(["GET", "POST"])
def run_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    require(user, Capability.RUN_LINKAGE)
    return form_step(request, forms.RunForm(request.POST or None),
                     action=lambda d: _queued(services.run_request(user=user, threshold=d["threshold"])),
                     done=reverse("linkage:connections"), title="Run the national linkage",
                     button="Start the run",
                     intro="Every force's person records are compared. The run works in the background; "
                           "its progress shows on the connections page.",
                     back=reverse("linkage:connections"))


def _queued(run: LinkRun) -> LinkRun:
    tasks.link_run.enqueue(run.pk)
    return run


def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    """The run's progress: the page polls this fragment while the run works."""
    run = queries.run_detail(user=_user(request), run_id=run_id)
    return render(request, "linkage/_run.html", {"run": run})


@require_http_methods(["POST"])
def seen_before(request: HttpRequest) -> HttpResponse:
    """Likely earlier records of the person being typed (the person form posts here as it changes)."""
    user = _user(request)
    typed = forms.SeenBeforeForm(request.POST).typed()
    aliases = tuple(a.strip() for a in str(typed.get("aliases", "")).split(",") if a.strip())
    if not (typed.get("first_name") or typed.get("last_name") or aliases):
        return render(request, "linkage/_seen_before.html", {"found": None})
    record = PersonRecord(
        unique_id="typed", given_name=str(typed.get("first_name", "")),
        family_name=str(typed.get("last_name", "")),
        aliases=aliases, date_of_birth=typed.get("date_of_birth"),  # type: ignore[arg-type]
        estimated_age=typed.get("estimated_age"), age_on=timezone.localdate(),  # type: ignore[arg-type]
        sex=str(typed.get("gender", "")), nationality=str(typed.get("nationality", "")))
    return render(request, "linkage/_seen_before.html", {"found": live.seen_before(user=user, record=record)})
