"""Pages for organised crime groups. Thin: parse, call, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from lantern.access.rules import Capability
from lantern.access.scope import can, require
from lantern.cases import forms, groups, queries
from lantern.cases.rules import GroupRole
from lantern.form_pages import attempt, form_page, form_step
from lantern.request_user import signed_in as _user


def group_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    return render(request, "cases/group_list.html", {
        "groups": groups.groups_list(user=user), "may_record": can(user, Capability.WORK_CASES)})


@require_http_methods(["GET", "POST"])
def group_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    require(user, Capability.WORK_CASES)
    form = forms.GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        group = attempt(form, lambda: groups.group_record(user=user, **form.cleaned_data))
        if group is not None:
            return redirect("cases:group", group_id=group.pk)
    return form_page(request, form, title="Record an organised crime group", button="Record group",
                     back=reverse("cases:groups"))


def group_detail(request: HttpRequest, group_id: int) -> HttpResponse:
    user = _user(request)
    return render(request, "cases/group_detail.html", {
        "view": groups.group_view(user=user, group_id=group_id),
        "may_work": can(user, Capability.WORK_CASES)})


@require_http_methods(["GET", "POST"])
def group_link(request: HttpRequest, investigation_id: int) -> HttpResponse:
    user = _user(request)
    queries.investigation_workable(user=user, investigation_id=investigation_id)
    back = reverse("cases:investigation", args=[investigation_id])
    return form_step(
        request, forms.GroupLinkForm(request.POST or None),
        action=lambda d: groups.group_link_investigation(user=user, investigation_id=investigation_id,
                                                         reference=d["reference"]),
        done=back, title="Link this investigation to an organised crime group", button="Link",
        intro="Use the group's national reference (OCG-...), from your records or from the force "
              "that recorded it. The link is recorded in the audit trail.", back=back)


@require_http_methods(["GET", "POST"])
def group_member_add(request: HttpRequest, group_id: int) -> HttpResponse:
    user = _user(request)
    view = groups.group_view(user=user, group_id=group_id)
    people = {inv.person for investigation in view.own_investigations
              for inv in investigation.involvements.select_related("person")}
    back = reverse("cases:group", args=[group_id])
    return form_step(
        request, forms.GroupMemberForm(request.POST or None,
                                       people=sorted(((p.pk, str(p)) for p in people), key=lambda x: x[1])),
        action=lambda d: groups.group_member_add(user=user, group_id=group_id,
                                                 person_id=d["person_id"], role=GroupRole(d["role"])),
        done=back, title=f"Add a member to {view.group.reference}", button="Add member", back=back)
