"""Safeguarding pages: the frontline encounter, referrals and notices, support, disclosures.
Thin: parse, call a service or query, render."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from lantern.access.rules import Capability
from lantern.access.scope import can, get_visible, require
from lantern.cases.rules import ExploitationLocation, ExploitationType
from lantern.form_pages import attempt, form_page, form_step
from lantern.justice.services.orders import order_tasks
from lantern.request_user import signed_in as _user
from lantern.safeguarding import forms, queries
from lantern.safeguarding.models import InformationRequest, VictimUpdate
from lantern.safeguarding.rules.disclosure import LegalBasis, Purpose
from lantern.safeguarding.rules.nrm import AgeAnswer
from lantern.safeguarding.rules.recovery import (
    CompetentAuthority,
    DecisionResult,
    DecisionStage,
    DisqualificationGround,
)
from lantern.safeguarding.rules.victims_code import UpdateKind, UpdateOwed, days_overdue, is_overdue
from lantern.safeguarding.services import decisions, disclosures, encounters, referrals, support
from lantern.safeguarding.services.common import involvement_of_force, referral_of_force, today


def _victim_url(involvement_id: int) -> str:
    return reverse("safeguarding:victim", args=[involvement_id])


def _referral_url(referral_id: int) -> str:
    return reverse("safeguarding:referral", args=[referral_id])


def signs(request: HttpRequest) -> HttpResponse:
    """The signs of modern slavery and the initial actions, for a phone at the roadside."""
    return render(request, "safeguarding/signs.html", {
        "may_record": can(_user(request), Capability.RECORD_ENCOUNTER)})


@require_http_methods(["GET", "POST"])
def encounter(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    require(user, Capability.RECORD_ENCOUNTER)
    form = forms.EncounterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        involvement = attempt(form, lambda: encounters.encounter_record(
            user=user, place_of_safety=data["place_of_safety"],
            why_police_station=data["why_police_station"],
            exploitation_types=[ExploitationType(e) for e in data["exploitation_types"]],
            exploitation_location=ExploitationLocation(data["exploitation_location"]),
            what_was_seen=data["what_was_seen"], crime_reference=data["crime_reference"],
            **form.person()))
        if involvement is not None:
            return redirect("safeguarding:route", involvement_id=involvement.pk)
    return form_page(request, form, title="Record an encounter", caption="Step 1 of 2: safety first",
                     button="Continue", back=reverse("safeguarding:signs"))


@require_http_methods(["GET", "POST"])
def route(request: HttpRequest, involvement_id: int) -> HttpResponse:
    """Step 2: the NRM route the rules demand. A child is referred without asking consent."""
    user = _user(request)
    involvement = queries.victim_get(user=user, involvement_id=involvement_id)
    age = referrals.age_answer_for(involvement.person, today())
    earlier = referrals.earlier_referrals(user=user, involvement=involvement)
    if not age.treated_as_child:
        form = forms.ConsentForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            referral = attempt(form, lambda: referrals.referral_start(
                user=user, involvement_id=involvement.pk,
                consent=form.consent(),
                refusal_reason=data["refusal_reason"],
                identifying_consent=data["identifying_consent"]))
            if referral is not None:
                return redirect(_referral_url(referral.pk))
        return form_page(request, form, title="Explain the NRM and ask for consent",
                         caption=f"Step 2 of 2: {involvement.person} is an adult",
                         intro="Explain what the National Referral Mechanism is, the support it "
                               "gives and its possible outcomes. If they do not agree, Lantern "
                               "makes an anonymous duty-to-notify notice instead.",
                         button="Continue", back=_victim_url(involvement.pk),
                         extra={"earlier": earlier, "aside_template": "safeguarding/_earlier.html"})
    if request.method == "POST":
        referral = referrals.referral_start(user=user, involvement_id=involvement.pk)
        return redirect(_referral_url(referral.pk))
    return render(request, "safeguarding/route_child.html", {
        "involvement": involvement, "age": age, "not_sure": age is AgeAnswer.NOT_SURE,
        "earlier": earlier})


def victim(request: HttpRequest, involvement_id: int) -> HttpResponse:
    user = _user(request)
    involvement = queries.victim_get(user=user, involvement_id=involvement_id)
    day = today()
    updates = [(u, is_overdue(_owed(u), day), days_overdue(_owed(u), day))
               for u in involvement.updates.all()]
    return render(request, "safeguarding/victim.html", {
        "involvement": involvement, "person": involvement.person,
        "child": involvement.person.is_child_on(day),
        "referrals": referrals.earlier_referrals(user=user, involvement=involvement),
        "updates": updates, "may_supervise": can(user, Capability.SUPERVISE_CASES),
    })


def _owed(update: VictimUpdate) -> UpdateOwed:
    return UpdateOwed(kind=UpdateKind(update.kind), event_on=update.event_on, due_on=update.due_on,
                      given_on=update.given_on)


def referral(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = _user(request)
    item = queries.referral_get(user=user, referral_id=referral_id)
    child = item.involvement.person.is_child_on(today())
    return render(request, "safeguarding/referral.html", {
        "referral": item, "gaps": referrals.referral_gaps(item),
        "period": decisions.recovery_period_of(item, child=child), "child": child,
        "draft": item.state == item.State.DRAFT,
    })


@require_http_methods(["GET", "POST"])
def referral_edit(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = _user(request)
    item = queries.referral_get(user=user, referral_id=referral_id)
    initial = {name: getattr(item, name) for name in referrals.CONTENT_FIELDS}
    initial["version"] = item.version
    form = forms.ReferralContentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if attempt(form, lambda: referrals.referral_update(
                user=user, referral_id=item.pk, version=form.cleaned_data["version"],
                **form.content())) is not None:
            return redirect(_referral_url(item.pk))
    kind = "notice" if item.route == "duty_to_notify" else "referral"
    return form_page(request, form, title=f"What happened: {kind} {item}", button="Save",
                     warning=("Anonymous notice: write nothing that identifies them."
                              if item.anonymous else ""),
                     back=_referral_url(item.pk))


@require_POST
def referral_submit(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = _user(request)
    item = queries.referral_get(user=user, referral_id=referral_id)
    form = forms.SubmitForm(request.POST)
    if form.is_valid() and attempt(form, lambda: referrals.referral_submit(
            user=user, referral_id=item.pk, version=form.cleaned_data["version"])) is not None:
        return redirect(_referral_url(item.pk))
    return render(request, "safeguarding/referral.html", {
        "referral": item, "gaps": referrals.referral_gaps(item), "form": form, "draft": True,
        "period": None}, status=400)


def referral_download(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = _user(request)
    form = forms.SubmitForm()
    result = attempt(form, lambda: referrals.referral_export_for_user(user=user,
                                                                     referral_id=referral_id))
    if result is None:
        item = queries.referral_get(user=user, referral_id=referral_id)
        return render(request, "safeguarding/referral.html", {
            "referral": item, "gaps": referrals.referral_gaps(item), "form": form,
            "draft": item.state == item.State.DRAFT, "period": None}, status=400)
    item, exported = result
    response = HttpResponse(json.dumps(exported, indent=2, ensure_ascii=False),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{item.reference}.json"'
    return response


@require_http_methods(["GET", "POST"])
def decision_new(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = _user(request)
    referral_of_force(user, referral_id)
    return form_step(
        request, forms.DecisionForm(request.POST or None),
        action=lambda d: decisions.decision_record(
            user=user, referral_id=referral_id, stage=DecisionStage(d["stage"]),
            result=DecisionResult(d["result"]), decided_on=d["decided_on"],
            authority=CompetentAuthority(d["authority"]), reconsideration=d["reconsideration"]),
        done=_referral_url(referral_id), title="Record a competent authority decision",
        button="Record", back=_referral_url(referral_id))


@require_http_methods(["GET", "POST"])
def information_request_new(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = _user(request)
    referral_of_force(user, referral_id)
    return form_step(
        request, forms.InformationRequestForm(request.POST or None),
        action=lambda d: decisions.information_request_record(user=user, referral_id=referral_id, **d),
        done=_referral_url(referral_id), title="Record a request for information", button="Record",
        back=_referral_url(referral_id))


@require_http_methods(["GET", "POST"])
def information_request_answer(request: HttpRequest, request_id: int) -> HttpResponse:
    user = _user(request)
    require(user, Capability.SAFEGUARD)
    item = get_visible(user, InformationRequest.objects.all(), Capability.SAFEGUARD, pk=request_id)
    return form_step(
        request, forms.AnswerForm(request.POST or None, initial={"answered_on": today()}),
        action=lambda d: decisions.information_request_answer(user=user, request_id=item.pk, **d),
        done=_referral_url(item.referral_id), title="Record the answer",
        caption=item.what_is_asked[:80], button="Record", back=_referral_url(item.referral_id))


@require_http_methods(["GET", "POST"])
def further_recovery_new(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = _user(request)
    referral_of_force(user, referral_id)
    return form_step(
        request, forms.FurtherRecoveryForm(request.POST or None),
        action=lambda d: decisions.further_recovery_record(user=user, referral_id=referral_id, **d),
        done=_referral_url(referral_id), title="Record a further recovery period", button="Record",
        back=_referral_url(referral_id))


@require_http_methods(["GET", "POST"])
def disqualification_new(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = _user(request)
    referral_of_force(user, referral_id)
    return form_step(
        request, forms.DisqualificationForm(request.POST or None),
        action=lambda d: decisions.disqualification_record(
            user=user, referral_id=referral_id, on=d["on"],
            ground=DisqualificationGround(d["ground"]), reason=d["reason"]),
        done=_referral_url(referral_id), title="Record a disqualification", button="Record",
        back=_referral_url(referral_id))


@require_http_methods(["GET", "POST"])
def safety_new(request: HttpRequest, involvement_id: int) -> HttpResponse:
    user = _user(request)
    involvement_of_force(user, involvement_id)
    return form_step(
        request, forms.SafetyForm(request.POST or None),
        action=lambda d: support.safety_arrangement_record(user=user, involvement_id=involvement_id, **d),
        done=_victim_url(involvement_id), title="Record a place of safety", button="Record",
        back=_victim_url(involvement_id))


@require_http_methods(["GET", "POST"])
def support_new(request: HttpRequest, involvement_id: int) -> HttpResponse:
    user = _user(request)
    involvement_of_force(user, involvement_id)
    return form_step(
        request, forms.SupportForm(request.POST or None, initial={"assigned_on": today()},
                                   colleagues=queries.colleagues(user=user)),
        action=lambda d: support.support_assign(user=user, involvement_id=involvement_id, **d),
        done=_victim_url(involvement_id), title="Assign a supporter", button="Assign",
        back=_victim_url(involvement_id))


@require_http_methods(["GET", "POST"])
def interpreter(request: HttpRequest, involvement_id: int) -> HttpResponse:
    user = _user(request)
    involvement_of_force(user, involvement_id)
    form = forms.InterpreterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = attempt(form, lambda: support.interpreter_need_set(
            user=user, involvement_id=involvement_id, **form.cleaned_data))
        if result is not None:
            for warning in result[1]:
                messages.warning(request, warning)
            return redirect(_victim_url(involvement_id))
    return form_page(request, form, title="Interpreter", button="Save",
                     intro="Use an independent interpreter of the sex they prefer, and the same "
                           "one each time.", back=_victim_url(involvement_id))


@require_http_methods(["GET", "POST"])
def update_owed_new(request: HttpRequest, involvement_id: int) -> HttpResponse:
    user = _user(request)
    involvement_of_force(user, involvement_id)
    return form_step(
        request, forms.UpdateOwedForm(request.POST or None, initial={"event_on": today()}),
        action=lambda d: support.victim_update_owed(user=user, involvement_id=involvement_id,
                                                    kind=UpdateKind(d["kind"]), event_on=d["event_on"]),
        done=_victim_url(involvement_id), title="Something happened that they must be told of",
        button="Record", back=_victim_url(involvement_id))


@require_http_methods(["GET", "POST"])
def update_given(request: HttpRequest, update_id: int) -> HttpResponse:
    user = _user(request)
    require(user, Capability.SAFEGUARD)
    update = get_visible(user, VictimUpdate.objects.all(), Capability.SAFEGUARD, pk=update_id)
    return form_step(
        request, forms.UpdateGivenForm(request.POST or None, initial={"given_on": today()}),
        action=lambda d: support.victim_update_given(user=user, update_id=update.pk, **d),
        done=_victim_url(update.involvement_id),
        title=f"Record the update given: {update.get_kind_display()}", button="Record",
        back=_victim_url(update.involvement_id))


@require_http_methods(["GET", "POST"])
def contact_new(request: HttpRequest, involvement_id: int) -> HttpResponse:
    user = _user(request)
    involvement_of_force(user, involvement_id)
    return form_step(
        request, forms.ContactForm(request.POST or None),
        action=lambda d: support.contact_record(user=user, involvement_id=involvement_id, **d),
        done=_victim_url(involvement_id), title="Record a contact", button="Record",
        back=_victim_url(involvement_id))


@require_http_methods(["GET", "POST"])
def disclosure_new(request: HttpRequest, involvement_id: int) -> HttpResponse:
    user = _user(request)
    involvement_of_force(user, involvement_id)
    return form_step(
        request, forms.DisclosureForm(request.POST or None),
        action=lambda d: disclosures.disclosure_request(
            user=user, involvement_id=involvement_id, purpose=Purpose(d["purpose"]),
            legal_basis=LegalBasis(d["legal_basis"]),
            **{k: d[k] for k in ("what_shared", "recipient", "domestic_abuse_victim",
                                 "evidence_of_immigration_offence", "victim_told",
                                 "reason_victim_not_told", "purpose_detail")}),
        done=_victim_url(involvement_id), title="Share information with immigration enforcement",
        warning="A supervisor must approve before anything is shared, and every disclosure is "
                "recorded and counted.",
        button="Ask for approval", back=_victim_url(involvement_id))


@require_http_methods(["GET", "POST"])
def disclosure_decide(request: HttpRequest, disclosure_id: int) -> HttpResponse:
    user = _user(request)
    item = queries.disclosure_for_decision(user=user, disclosure_id=disclosure_id)
    form = forms.DisclosureDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if attempt(form, lambda: disclosures.disclosure_decide(
                user=user, disclosure_id=item.pk, approve=form.cleaned_data["approve"],
                note=form.cleaned_data["note"])) is not None:
            return redirect(_victim_url(item.involvement_id))
    return render(request, "safeguarding/disclosure_decide.html", {"form": form, "disclosure": item})


def tasks(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    task_list = queries.tasks_for(user=user)
    day = today()
    orders_due = order_tasks(user=user, on=day)
    return render(request, "safeguarding/tasks.html", {
        "tasks": task_list, "today": day, "may_supervise": can(user, Capability.SUPERVISE_CASES),
        "overdue": [(u, days_overdue(_owed(u), day)) for u in task_list.overdue_updates],
        "order_tasks": orders_due, "task_count": task_list.count + len(orders_due),
    })


def disclosure_register(request: HttpRequest) -> HttpResponse:
    return render(request, "safeguarding/disclosure_register.html", {
        "register": queries.disclosure_register(user=_user(request))})
