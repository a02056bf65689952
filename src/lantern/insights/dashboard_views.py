"""The dashboards' pages and their table downloads. Thin: parse, call ``dashboards``, render."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from lantern.access.rules import Capability
from lantern.access.scope import can
from lantern.govuk_forms import GovukForm
from lantern.insights import dashboards, downloads, figures_cache, places
from lantern.insights.figures import counting
from lantern.insights.periods import Period, PeriodError
from lantern.insights.places import Place, PlaceError
from lantern.request_user import signed_in as _user

PERIOD_HINT = 'A year ("2020"), a financial year ("2020-21"), a quarter ("2020-Q3") or a month ("2020-07").'


class PeriodForm(GovukForm):
    period = forms.CharField(
        label="Period", help_text=PERIOD_HINT, max_length=20,
        error_messages={"max_length": "Enter a period like 2020, 2020-21, 2020-Q3 or 2020-07"})

    def clean_period(self) -> Period:
        try:
            return dashboards.period_parse(self.cleaned_data["period"], today=timezone.localdate())
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from None


def _period_form(request: HttpRequest) -> PeriodForm:
    chosen = request.GET.get("period", "").strip()
    return PeriodForm({"period": chosen or dashboards.default_period(timezone.localdate()).code})


def _place(build: Callable[[str], Place], code: str) -> Place:
    try:
        return build(code)
    except PlaceError:
        raise Http404() from None


def _page(request: HttpRequest, place: Place) -> HttpResponse:
    user = _user(request)
    counting(user=user, place=place)  # refuses (403) before the period is even read
    form = _period_form(request)
    context: dict[str, object] = {"form": form, "place": place,
                                  "import_command": dashboards.IMPORT_COMMAND}
    if not form.is_valid():
        context["breadcrumbs"] = ()
        return render(request, "insights/dashboard.html", context, status=400)
    context["dashboard"] = dashboards.dashboard_build(
        user=user, place=place, period=form.cleaned_data["period"], today=timezone.localdate())
    context["kept_minutes"] = -(-figures_cache.seconds() // 60)  # rounded up; 0: counted for this view
    return render(request, "insights/dashboard.html", context)


@require_GET
def national(request: HttpRequest) -> HttpResponse:
    """The nation's page; anyone else is sent to their own force's or region's, or told why not."""
    user = _user(request)
    if not can(user, Capability.SEE_NATIONAL_PICTURE):
        own = dashboards.own_place(user)
        if own is not None:
            return redirect(dashboards.place_url(own) + _query(request))
        return render(request, "insights/dashboard_not_open.html", status=403)
    return _page(request, places.nation())


def _query(request: HttpRequest) -> str:
    chosen = request.GET.get("period", "")
    return f"?{request.GET.urlencode()}" if chosen else ""


@require_GET
def region(request: HttpRequest, code: str) -> HttpResponse:
    return _page(request, _place(places.region, code))


@require_GET
def force(request: HttpRequest, code: str) -> HttpResponse:
    return _page(request, _place(places.force, code))


def _download(request: HttpRequest, place: Place, key: str, file_format: str) -> HttpResponse:
    user = _user(request)
    if file_format not in dashboards.FORMATS:
        raise Http404()
    counting(user=user, place=place)
    form = _period_form(request)
    if not form.is_valid():
        return render(request, "insights/dashboard.html",
                      {"form": form, "place": place, "breadcrumbs": ()}, status=400)
    period: Period = form.cleaned_data["period"]
    try:
        table = dashboards.dashboard_table(user=user, place=place, period=period, key=key)
    except dashboards.UnknownTable:
        raise Http404() from None
    return downloads.table_download(user=user, table=table, place=place.name, period=period.label,
                                    file_format=file_format)


@require_GET
def national_table(request: HttpRequest, key: str, file_format: str) -> HttpResponse:
    if not can(_user(request), Capability.SEE_NATIONAL_PICTURE):
        return render(request, "insights/dashboard_not_open.html", status=403)
    return _download(request, places.nation(), key, file_format)


@require_GET
def region_table(request: HttpRequest, code: str, key: str, file_format: str) -> HttpResponse:
    return _download(request, _place(places.region, code), key, file_format)


@require_GET
def force_table(request: HttpRequest, code: str, key: str, file_format: str) -> HttpResponse:
    return _download(request, _place(places.force, code), key, file_format)
