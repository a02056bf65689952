"""Justice pages. Thin: parse, call a service or query, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from lantern.access.rules import Capability
from lantern.access.scope import can, get_visible, require, visible
from lantern.accounts.models import User
from lantern.cases.groups import groups_list
from lantern.cases.models import Investigation, Person
from lantern.form_pages import form_step
from lantern.justice import forms, queries
from lantern.justice.models import CpsReferral, Prosecution
from lantern.justice.rules.disruptions import Impact, Tactic, ThreatType, count_disruptions
from lantern.justice.rules.orders import OrderKind
from lantern.justice.rules.prosecution import ChargeDecision, NonConvictionReason, ReferralKind, Verdict
from lantern.justice.rules.s45 import tests_for
from lantern.justice.services import disruptions, orders, prosecution, s45
from lantern.justice.services.common import suspect_involvement, today
from lantern.request_user import signed_in as _user


def _case_url(investigation_id: int) -> str:
    return reverse("cases:investigation", args=[investigation_id])


@require_http_methods(["GET", "POST"])
def s45_consider(request: HttpRequest, involvement_id: int) -> HttpResponse:
    user = _user(request)
    involvement = suspect_involvement(user, involvement_id)
    age_group = s45.age_group_of(involvement, today())
    form = forms.S45Form(request.POST or None, tests=tests_for(age_group))
    return form_step(
        request, form,
        action=lambda d: s45.s45_consider(
            user=user, involvement_id=involvement.pk, offence=d["offence"], answers=form.answers(),
            offence_pursued=d["offence_pursued"], rationale=d["rationale"],
            schedule4_code=d["schedule4_code"]),
        done=_case_url(involvement.investigation_id),
        title=f"Consider the s45 defence for {involvement.person}",
        caption=f"{age_group.label}; {involvement.investigation}",
        intro="Answer each test on the evidence, not on what the suspect says alone. Where the defence "
              "applies and the offence is not pursued, Lantern records a modern slavery crime against "
              "the exploiter.",
        button="Record the consideration", back=_case_url(involvement.investigation_id))


@require_http_methods(["GET", "POST"])
def cps_referral_new(request: HttpRequest, involvement_id: int) -> HttpResponse:
    user = _user(request)
    involvement = suspect_involvement(user, involvement_id)
    return form_step(
        request, forms.CpsReferralForm(request.POST or None, initial={"referred_on": today()}),
        action=lambda d: prosecution.cps_referral_record(
            user=user, involvement_id=involvement.pk, kind=ReferralKind(d["kind"]),
            referred_on=d["referred_on"], cps_reference=d["cps_reference"],
            modern_slavery_flagged=d["modern_slavery_flagged"]),
        done=_case_url(involvement.investigation_id), title=f"Refer {involvement.person} to the CPS",
        button="Record the referral", back=_case_url(involvement.investigation_id))


@require_http_methods(["GET", "POST"])
def charging_decision(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = _user(request)
    require(user, Capability.WORK_CASES)
    referral = get_visible(user, CpsReferral.objects.select_related("involvement__person"),
                           Capability.WORK_CASES, pk=referral_id)
    back = _case_url(referral.involvement.investigation_id)
    return form_step(
        request, forms.ChargingDecisionForm(request.POST or None),
        action=lambda d: prosecution.charging_decision_record(
            user=user, referral_id=referral.pk, decision=ChargeDecision(d["decision"]),
            decided_on=d["decided_on"], charges=d["charges"], court=d["court"],
            first_hearing_on=d["first_hearing_on"]),
        done=back, title=f"Record the CPS decision on {referral.involvement.person}", button="Record",
        back=back)


@require_http_methods(["GET", "POST"])
def verdict(request: HttpRequest, prosecution_id: int) -> HttpResponse:
    user = _user(request)
    require(user, Capability.WORK_CASES)
    item = get_visible(user, Prosecution.objects.select_related("referral__involvement__person"),
                       Capability.WORK_CASES, pk=prosecution_id)
    back = _case_url(item.referral.involvement.investigation_id)
    return form_step(
        request, forms.VerdictForm(request.POST or None, initial={"version": item.version}),
        action=lambda d: prosecution.verdict_record(
            user=user, prosecution_id=item.pk, version=d["version"], verdict=Verdict(d["verdict"]),
            verdict_on=d["verdict_on"],
            non_conviction_reason=NonConvictionReason(d["non_conviction_reason"])
            if d["non_conviction_reason"] else None,
            sentence=d["sentence"], sentenced_on=d["sentenced_on"]),
        done=back, title=f"Record the verdict for {item.referral.involvement.person}", button="Record",
        back=back)


def order_register(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    return render(request, "justice/orders.html", {
        "orders": queries.order_register(user=user),
        "national": queries.national_orders(user=user) if can(user, Capability.SEE_NATIONAL_PICTURE)
        else None})


@require_http_methods(["GET", "POST"])
def order_apply(request: HttpRequest, person_id: int) -> HttpResponse:
    user = _user(request)
    require(user, Capability.WORK_CASES)
    subject = get_visible(user, Person.objects.all(), Capability.WORK_CASES, pk=person_id)
    colleagues = [(c.pk, str(c)) for c in visible(user, User.objects.filter(is_active=True),
                                                  Capability.SEE_COLLEAGUES)]
    investigation = subject.involvements.first()
    return form_step(
        request, forms.OrderApplyForm(request.POST or None, colleagues=colleagues,
                                      initial={"applied_on": today(), "managing_officer_id": user.pk}),
        action=lambda d: orders.order_apply(
            user=user, subject_id=subject.pk, kind=OrderKind(d["kind"]), applied_on=d["applied_on"],
            managing_officer_id=d["managing_officer_id"], relevant_offender=d["relevant_offender"],
            investigation_id=investigation.investigation_id if investigation else None),
        done=reverse("justice:orders"), title=f"Apply for an order on {subject}", button="Record",
        back=reverse("cases:person", args=[subject.pk]))


def order_detail(request: HttpRequest, order_id: int) -> HttpResponse:
    user = _user(request)
    order = queries.order_get(user=user, order_id=order_id)
    return render(request, "justice/order.html", {
        "order": order, "may_work": can(user, Capability.WORK_CASES),
        "grant": forms.OrderGrantForm(initial={"version": order.version}),
        "refuse": forms.OrderRefuseForm(initial={"version": order.version}),
        "breach": forms.BreachForm()})


@require_http_methods(["GET", "POST"])
def order_grant(request: HttpRequest, order_id: int) -> HttpResponse:
    user = _user(request)
    order = queries.order_get(user=user, order_id=order_id)
    form = forms.OrderGrantForm(request.POST or None, initial={"version": order.version})
    done = reverse("justice:order", args=[order.pk])
    return form_step(
        request, form,
        action=lambda d: orders.order_grant(
            user=user, order_id=order.pk, version=d["version"], granted_on=d["granted_on"],
            starts_on=d["starts_on"], ends_on=d["ends_on"], review_on=d["review_on"],
            prohibitions=form.prohibition_lines(), court=d["court"],
            notification_requirements=d["notification_requirements"]),
        done=done, title=f"The court made the {order.get_kind_display().lower()}", button="Record",
        back=done)


@require_http_methods(["GET", "POST"])
def order_refuse(request: HttpRequest, order_id: int) -> HttpResponse:
    user = _user(request)
    order = queries.order_get(user=user, order_id=order_id)
    done = reverse("justice:order", args=[order.pk])
    return form_step(
        request, forms.OrderRefuseForm(request.POST or None, initial={"version": order.version}),
        action=lambda d: orders.order_refuse(user=user, order_id=order.pk, version=d["version"],
                                             reason=d["reason"]),
        done=done, title="The court refused the order", button="Record", back=done)


@require_http_methods(["GET", "POST"])
def order_breach(request: HttpRequest, order_id: int) -> HttpResponse:
    user = _user(request)
    order = queries.order_get(user=user, order_id=order_id)
    done = reverse("justice:order", args=[order.pk])
    return form_step(
        request, forms.BreachForm(request.POST or None),
        action=lambda d: orders.order_breach_record(user=user, order_id=order.pk, **d),
        done=done, title=f"Record a breach of the order on {order.subject}",
        intro="A breach is an offence (Modern Slavery Act 2015 s30): Lantern records it as a crime.",
        button="Record the breach", back=done)


def disruption_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    items = list(queries.disruptions_list(user=user))
    counts = count_disruptions([ThreatType(t.threat_type) for t in d.threats.all()] for d in items)
    return render(request, "justice/disruptions.html", {
        "disruptions": items, "counts": counts,
        "by_threat": [(t.label, counts.by_threat.get(t, 0)) for t in ThreatType],
        "may_work": can(user, Capability.WORK_CASES)})


@require_http_methods(["GET", "POST"])
def disruption_new(request: HttpRequest, investigation_id: int) -> HttpResponse:
    user = _user(request)
    require(user, Capability.WORK_CASES)
    investigation = get_visible(user, Investigation.objects.all(), Capability.WORK_CASES, pk=investigation_id)
    group_choices = [(g.pk, str(g)) for g in groups_list(user=user)]
    return form_step(
        request, forms.DisruptionForm(request.POST or None, groups=group_choices,
                                      initial={"on": today()}),
        action=lambda d: disruptions.disruption_record(
            user=user, on=d["on"], threat_types=[ThreatType(t) for t in d["threat_types"]],
            tactic=Tactic(d["tactic"]), impact=Impact(d["impact"]),
            impact_rationale=d["impact_rationale"], description=d["description"],
            group_id=d["group_id"], investigation_id=investigation.pk),
        done=reverse("justice:disruptions"), title=f"Record a disruption ({investigation})",
        intro="Choose every threat type it hit: it is counted once, and once under each threat type.",
        button="Record the disruption", back=_case_url(investigation.pk))


def figures(request: HttpRequest) -> HttpResponse:
    return render(request, "justice/figures.html", {"figures": queries.justice_figures(user=_user(request))})
