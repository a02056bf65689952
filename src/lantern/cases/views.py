"""Pages for investigations and people. Thin: parse, call a service or query, render."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from lantern.access.rules import Capability
from lantern.access.scope import can, get_visible, require
from lantern.cases import forms, queries, services
from lantern.cases.models import Involvement, LineOfEnquiry
from lantern.cases.rules import MOVES, IdentifierKind, InvolvementRole, OutcomeType, Status, Team
from lantern.form_pages import attempt, form_page, form_step
from lantern.justice.queries import investigation_justice
from lantern.request_user import signed_in as _user
from lantern.safeguarding.rules.disclosure import Purpose, search_purpose_problem

# A screen of investigations, newest first; the force's largest lists run to thousands.
LIST_PAGE_SIZE = 50


def _case_url(investigation_id: int) -> str:
    return reverse("cases:investigation", args=[investigation_id])


def investigation_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    status_code = request.GET.get("status", "")
    status = Status(status_code) if status_code in Status._value2member_map_ else None
    page = Paginator(queries.investigations_list(user=user, status=status), LIST_PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "cases/investigation_list.html", {
        "rows": [(i, queries.delays_of(i)) for i in page], "page": page,
        "statuses": list(Status), "status": status,
        "may_record": can(user, Capability.WORK_CASES) or can(user, Capability.RECORD_ENCOUNTER),
    })


@require_http_methods(["GET", "POST"])
def investigation_record(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    require(user, Capability.RECORD_ENCOUNTER)
    form = forms.InvestigationRecordForm(request.POST or None,
                                         initial={"recorded_on": services.today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        investigation = attempt(form, lambda: services.investigation_record(
            user=user, crime_reference=data["crime_reference"], recorded_on=data["recorded_on"],
            **form.enums()))
        if investigation is not None:
            return redirect(_case_url(investigation.pk))
    return form_page(request, form, title="Record a modern slavery investigation",
                     button="Record investigation", back=reverse("cases:list"))


def investigation_detail(request: HttpRequest, investigation_id: int) -> HttpResponse:
    user = _user(request)
    investigation = queries.investigation_get(user=user, investigation_id=investigation_id)
    today = services.today()
    involvements = list(investigation.involvements.all())
    return render(request, "cases/investigation_detail.html", {
        "investigation": investigation,
        "involvements": [(inv, inv.person.is_child_on(today)) for inv in involvements],
        "blockers": (queries.investigation_closure_blockers(investigation)
                     if investigation.status != Status.CLOSED.value else []),
        "delays": queries.delays_of(investigation),
        "may_work": can(user, Capability.WORK_CASES),
        "may_supervise": can(user, Capability.SUPERVISE_CASES),
        "open": investigation.status != Status.CLOSED.value,
        "suspects": investigation_justice(user=user, investigation=investigation),
    })


@require_http_methods(["GET", "POST"])
def investigation_edit(request: HttpRequest, investigation_id: int) -> HttpResponse:
    user = _user(request)
    investigation = queries.investigation_get(user=user, investigation_id=investigation_id)
    initial = {
        "offences": [o.offence for o in investigation.offences.all()],
        "exploitation_types": [e.exploitation_type for e in investigation.exploitation_types.all()],
        "industry": investigation.industry, "exploitation_location": investigation.exploitation_location,
        "organised_crime_involved": investigation.organised_crime_involved,
        "nim_level": investigation.nim_level, "summary": investigation.summary,
        "version": investigation.version,
    }
    form = forms.InvestigationEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = attempt(form, lambda: services.investigation_update(
            user=user, investigation_id=investigation.pk, version=form.cleaned_data["version"],
            **form.enums()))
        if done is not None:
            return redirect(_case_url(investigation.pk))
    return form_page(request, form, title=f"Change investigation {investigation}",
                     button="Save changes", back=_case_url(investigation.pk))


@require_http_methods(["GET", "POST"])
def investigation_move(request: HttpRequest, investigation_id: int) -> HttpResponse:
    user = _user(request)
    investigation = queries.investigation_get(user=user, investigation_id=investigation_id)
    moves: list[Status] = [m for m in Status
                           if m in MOVES[investigation.status_enum] and m is not Status.CLOSED]
    colleagues = [(c.pk, str(c)) for c in queries.colleagues_for_allocation(user=user)]
    form = forms.MoveForm(request.POST or None, moves=moves, colleagues=colleagues,
                          initial={"version": investigation.version,
                                   "officer_in_charge": investigation.officer_in_charge_id,
                                   "supervisor": investigation.supervisor_id,
                                   "team": investigation.team})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = attempt(form, lambda: services.investigation_move(
            user=user, investigation_id=investigation.pk, version=data["version"],
            to=Status(data["to"]), note=data["note"],
            team=Team(data["team"]) if data["team"] else None,
            officer_in_charge_id=data["officer_in_charge"], supervisor_id=data["supervisor"]))
        if done is not None:
            return redirect(_case_url(investigation.pk))
    return form_page(request, form, title=f"Move investigation {investigation} on",
                     caption=f"Now: {investigation.get_status_display()}", button="Save",
                     back=_case_url(investigation.pk))


@require_http_methods(["GET", "POST"])
def investigation_close(request: HttpRequest, investigation_id: int) -> HttpResponse:
    user = _user(request)
    investigation = queries.investigation_get(user=user, investigation_id=investigation_id)
    blockers = queries.investigation_closure_blockers(investigation)
    form = forms.CloseForm(request.POST or None, initial={"version": investigation.version})
    if not can(user, Capability.SUPERVISE_CASES):
        del form.fields["override_reason"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = attempt(form, lambda: services.investigation_close(
            user=user, investigation_id=investigation.pk, version=data["version"],
            outcome=OutcomeType(data["outcome"]), override_reason=data.get("override_reason", "")))
        if done is not None:
            return redirect(_case_url(investigation.pk))
    warning = ("This investigation is not ready to close: " + " ".join(blockers)) if blockers else ""
    return form_page(request, form, title=f"Close investigation {investigation}",
                     button="Close investigation", warning=warning, back=_case_url(investigation.pk))


@require_http_methods(["GET", "POST"])
def person_add(request: HttpRequest, investigation_id: int) -> HttpResponse:
    user = _user(request)
    investigation = queries.investigation_get(user=user, investigation_id=investigation_id)
    form = forms.PersonInvolvementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        role = InvolvementRole(form.cleaned_data["role"])
        if attempt(form, lambda: services.person_add_to_investigation(
                user=user, investigation_id=investigation.pk, role=role,
                **form.person_fields())) is not None:
            return redirect(_case_url(investigation.pk))
    return form_page(request, form, title="Add a person to the investigation",
                     caption=str(investigation), button="Add person",
                     intro="Record what you know; leave blank what you do not.",
                     back=_case_url(investigation.pk),
                     extra={"after_form_template": "linkage/_seen_before_panel.html"})


@require_http_methods(["GET", "POST"])
def involvement_date(request: HttpRequest, involvement_id: int, what: str) -> HttpResponse:
    user = _user(request)
    require(user, Capability.RECORD_ENCOUNTER)
    involvement = get_visible(user, Involvement.objects.select_related("person", "investigation"),
                              Capability.RECORD_ENCOUNTER, pk=involvement_id)
    record = {"spoken-to": services.victim_spoken_to_record,
              "told-of-closure": services.victim_told_of_closure_record}[what]
    title = {"spoken-to": f"When was {involvement.person} spoken to?",
             "told-of-closure": f"When was {involvement.person} told the case is closing?"}[what]
    return form_step(
        request, forms.DateForm(request.POST or None, initial={"on": services.today()}),
        action=lambda d: record(user=user, involvement_id=involvement.pk, on=d["on"]),
        done=_case_url(involvement.investigation_id), title=title,
        caption=str(involvement.investigation), button="Save",
        back=_case_url(involvement.investigation_id))


@require_http_methods(["GET", "POST"])
def line_raise(request: HttpRequest, investigation_id: int) -> HttpResponse:
    user = _user(request)
    queries.investigation_workable(user=user, investigation_id=investigation_id)
    return form_step(
        request, forms.TextForm(request.POST or None, label="What needs to be done?"),
        action=lambda d: services.line_of_enquiry_raise(user=user, investigation_id=investigation_id,
                                                        description=d["text"]),
        done=_case_url(investigation_id), title="Raise a line of enquiry", button="Raise",
        back=_case_url(investigation_id))


@require_http_methods(["GET", "POST"])
def line_close(request: HttpRequest, line_id: int) -> HttpResponse:
    user = _user(request)
    require(user, Capability.WORK_CASES)
    line = get_visible(user, LineOfEnquiry.objects.all(), Capability.WORK_CASES, pk=line_id)
    return form_step(
        request, forms.TextForm(request.POST or None, label="What did it find?"),
        action=lambda d: services.line_of_enquiry_close(user=user, line_id=line.pk, result=d["text"]),
        done=_case_url(line.investigation_id), title="Close a line of enquiry",
        caption=line.description[:80], button="Close line of enquiry",
        back=_case_url(line.investigation_id))


@require_http_methods(["GET", "POST"])
def review_record(request: HttpRequest, investigation_id: int) -> HttpResponse:
    user = _user(request)
    queries.investigation_workable(user=user, investigation_id=investigation_id,
                                   capability=Capability.SUPERVISE_CASES)
    return form_step(
        request, forms.TextForm(request.POST or None,
                                label="What did you review, and what did you direct?"),
        action=lambda d: services.supervisor_review_record(
            user=user, investigation_id=investigation_id, note=d["text"]),
        done=_case_url(investigation_id), title="Record a supervisor review", button="Record review",
        back=_case_url(investigation_id))


def person_search(request: HttpRequest) -> HttpResponse:
    """Find a person in the user's force. The purpose is required and recorded; searching only to
    establish someone's immigration status is refused (seed 002 §12.16)."""
    user = _user(request)
    require(user, Capability.SEE_CASES)
    form = forms.PersonSearchForm(request.GET or None)
    results = None
    if form.is_bound and form.is_valid():
        purposes = [Purpose(p) for p in form.cleaned_data["purposes"]]
        problem = search_purpose_problem(purposes)
        if problem:
            form.add_error("purposes", problem)
        else:
            results = queries.people_search(user=user, name=form.cleaned_data["name"],
                                            purposes=[p.label for p in purposes])
    return render(request, "cases/person_search.html", {"form": form, "results": results})


def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    user = _user(request)
    person = queries.person_get(user=user, person_id=person_id)
    return render(request, "cases/person_detail.html", {
        "person": person, "child": person.is_child_on(services.today()),
        "may_edit": can(user, Capability.RECORD_ENCOUNTER),
    })


@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    user = _user(request)
    person = queries.person_get(user=user, person_id=person_id)
    initial = {f: getattr(person, f) for f in services.PERSON_FIELDS}
    initial["aliases"] = ", ".join(person.aliases)
    initial["languages"] = ", ".join(person.languages)
    initial["version"] = person.version
    form = forms.PersonEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if attempt(form, lambda: services.person_update(
                user=user, person_id=person.pk, version=form.cleaned_data["version"],
                **form.person_fields())) is not None:
            return redirect("cases:person", person_id=person.pk)
    return form_page(request, form, title=f"Change {person}", button="Save changes",
                     back=reverse("cases:person", args=[person.pk]))


@require_http_methods(["GET", "POST"])
def identifier_add(request: HttpRequest, person_id: int) -> HttpResponse:
    user = _user(request)
    person = queries.person_get(user=user, person_id=person_id)
    person_url = reverse("cases:person", args=[person.pk])
    return form_step(
        request, forms.IdentifierForm(request.POST or None),
        action=lambda d: services.identifier_add(user=user, person_id=person.pk,
                                                 kind=IdentifierKind(d["kind"]), value=d["value"]),
        done=person_url, title=f"Add a phone, address, vehicle or document for {person}",
        button="Add", back=person_url)
