"""The annual report's page and its downloads. Thin: parse, call ``report``, render.

``/insights/report/?year=2020&place=nation[&publish=on][&format=pdf|json|html]`` builds the same
report as ``lantern report``, counted as the signed-in user (``AccessDenied``, 403, for a place
they may not count). Without ``format`` the report is shown on the page; with one it is a
download, recorded in the audit trail as a disclosure to the person downloading. Showing the page
is not recorded, as the dashboards' are not: counts hold no personal data.

Built in the request, not by a background task: a national report over 2015-2025 (about 116,000
investigations) takes about 4 to 6 seconds on this machine under load, nearly all of it the
single figures' queries, so a task, a worker and a progress page would cost more than they save.
The command shows a progress bar; the page's button says the build takes a few seconds and is
guarded against a second click.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from lantern.access.rules import Capability
from lantern.access.scope import can
from lantern.accounts.models import User
from lantern.accounts.rules import OrganisationKind, Role
from lantern.govuk_forms import GovukForm
from lantern.insights import places
from lantern.insights import report as annual
from lantern.insights.figures import counting
from lantern.insights.management.commands.report import default_name, rendered
from lantern.insights.places import Place, PlaceError
from lantern.insights.report_html import report_context
from lantern.request_user import signed_in as _user

CONTENT_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf",
                 "json": "application/json; charset=utf-8"}
_FORCE_KINDS = (OrganisationKind.TERRITORIAL_FORCE.value, OrganisationKind.SPECIAL_FORCE.value)


def place_choices(user: User) -> list[tuple[str, str]]:
    """The places this user may count, for the form: ``lantern.access`` still decides on each build."""
    if can(user, Capability.SEE_NATIONAL_PICTURE):
        chosen = [places.nation(), *places.regions(), *places.forces()]
    elif can(user, Capability.SEE_CASES) and Role.REGIONAL_COORDINATOR in user.role_set:
        try:
            own = places.region(user.organisation.region)
        except PlaceError:
            own = None
        chosen = [own, *places.forces(own)] if own else []
    elif can(user, Capability.SEE_CASES) and user.organisation.kind in _FORCE_KINDS:
        chosen = [places.force(user.organisation.code)]
    else:
        chosen = []
    return [(place.code, place.name) for place in chosen]


class ReportForm(GovukForm):
    year = forms.IntegerField(label="Year", help_text="A calendar year, from 2015.",
                              error_messages={"required": "Enter the year of the report",
                                              "invalid": "Enter the year as a number, like 2020"})
    place = forms.ChoiceField(label="Place", choices=())
    publish = forms.BooleanField(
        label="For publication", required=False,
        help_text="Suppress small counts, and figures that would reveal them, before the report leaves "
                  "the police. Without this the report shows exact internal figures.")

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ChoiceField", self.fields["place"]).choices = place_choices(user)

    def clean_year(self) -> int:
        year: int = self.cleaned_data["year"]
        try:
            annual.year_check(year, today=timezone.localdate())
        except annual.ReportError as error:
            raise forms.ValidationError(str(error)) from None
        return year

    def clean_place(self) -> Place:
        return places.parse_place(self.cleaned_data["place"])


@require_GET
def report_page(request: HttpRequest) -> HttpResponse:
    """The report form and, once a year and place are chosen, the report or its download."""
    user = _user(request)
    choices = place_choices(user)
    try:
        chosen = places.parse_place(request.GET.get("place", "") or (choices[0][0] if choices else "nation"))
    except PlaceError:
        raise Http404() from None
    counting(user=user, place=chosen)  # refuses (403) before anything else is read
    asked = request.GET.get("year", "").strip()
    data = {"year": asked or str(timezone.localdate().year - 1), "place": chosen.code,
            "publish": request.GET.get("publish", "")}
    form = ReportForm(data, user=user)
    context: dict[str, object] = {"form": form, "formats": tuple(CONTENT_TYPES)}
    if not asked:
        context["form"] = ReportForm(initial=data, user=user)
        return render(request, "insights/report.html", context)
    if not form.is_valid():
        return render(request, "insights/report.html", context, status=400)
    report = annual.report_build(user=user, year=form.cleaned_data["year"], place=form.cleaned_data["place"],
                                 for_publication=form.cleaned_data["publish"])
    file_format = request.GET.get("format", "")
    if file_format in CONTENT_TYPES:
        annual.report_record(report=report, actor=user, file_format=file_format,
                             recipient=f"{user.get_full_name() or user.username} (download file)")
        response = HttpResponse(rendered(report, file_format), content_type=CONTENT_TYPES[file_format])
        response["Content-Disposition"] = f'attachment; filename="{default_name(report, file_format)}"'
        response["X-Content-Type-Options"] = "nosniff"
        return response
    query = request.GET.copy()
    query.pop("format", None)
    return render(request, "insights/report.html",
                  {**context, **report_context(report), "query": query.urlencode()})
