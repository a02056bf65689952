"""The auditor's pages: search the trail, and export a search."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from lantern.access.rules import Capability
from lantern.access.scope import can, require
from lantern.audit import queries
from lantern.audit.forms import EventSearchForm, ExportForm
from lantern.request_user import signed_in


@require_GET
def event_search(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    require(user, Capability.SEARCH_AUDIT)
    form = EventSearchForm(request.GET or None)
    page = None
    if form.is_bound and form.is_valid():
        search = form.search()
    elif not form.is_bound:
        search = queries.EventSearch()
    else:
        search = None
    if search is not None:
        queries.events_search_record(user=user, search=search)
        events = queries.events_search(user=user, search=search)
        page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "audit/search.html", {
        "form": form, "page": page, "may_export": can(user, Capability.EXPORT_AUDIT),
        "export_form": ExportForm(initial=request.GET.dict()),
        "query": _query_without_page(request),
    })


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_POST
def event_export(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    require(user, Capability.EXPORT_AUDIT)
    form = ExportForm(request.POST)
    if not form.is_valid():
        return render(request, "audit/search.html", {
            "form": EventSearchForm(request.POST), "export_form": form, "page": None,
            "may_export": True, "query": "",
        }, status=400)
    body = queries.events_export(user=user, search=form.search(),
                                 reason=form.cleaned_data["reason"])
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="lantern-audit-{stamp}.csv"'
    return response
