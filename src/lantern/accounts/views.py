"""Signing in and out, and the pages about an organisation and its people. Thin: parse, call, render."""

from __future__ import annotations

import base64
from typing import Any

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern.access.rules import Capability
from lantern.access.scope import can, require
from lantern.accounts import queries, services
from lantern.accounts.forms import CodeForm, MfaResetForm, SignInForm, UserCreateForm, UserEditForm
from lantern.accounts.mfa import DEMO_BYPASS_SESSION_KEY, demo_bypass_available, is_verified
from lantern.accounts.models import User
from lantern.problems import Refused
from lantern.request_user import signed_in as _user

_NEXT_SESSION_KEY = "lantern_next"




def _after_sign_in(request: HttpRequest) -> HttpResponse:
    target = request.session.pop(_NEXT_SESSION_KEY, "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("home")


def _demo_bypass_requested(request: HttpRequest) -> bool:
    return request.method == "POST" and "demo_bypass" in request.POST and demo_bypass_available()


def _demo_bypass(request: HttpRequest, user: User) -> HttpResponse:
    """Skip the second factor: reachable only when LANTERN_ENV=demo, and recorded as such."""
    request.session[DEMO_BYPASS_SESSION_KEY] = True
    services.sign_in_record(user=user, method="demo bypass")
    return _after_sign_in(request)


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if is_verified(request):
        return redirect("home")
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        user = authenticate(request, username=username, password=form.cleaned_data["password"])
        if user is None:
            services.sign_in_failure_record(username=username, stage="password")
            form.add_error(None, "The username or password is not right. After 5 wrong tries "
                                 "the account is locked for 30 minutes.")
        else:
            next_url = request.GET.get("next", "")
            login(request, user)
            request.session[_NEXT_SESSION_KEY] = next_url
            return redirect("accounts:two-factor")
    return render(request, "accounts/sign_in.html", {"form": form})


@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("accounts:sign-in")
    if is_verified(request):
        return _after_sign_in(request)
    user = _user(request)
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect("accounts:set-up-two-factor")
    if _demo_bypass_requested(request):
        return _demo_bypass(request, user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            services.sign_in_record(user=user, method="totp")
            return _after_sign_in(request)
        services.sign_in_failure_record(username=user.get_username(), stage="two_factor")
        form.add_error("token", "That code is not right. Check the time on your phone and use "
                                "the newest code; after several wrong codes you must wait "
                                "before trying again.")
    return render(request, "accounts/two_factor.html", {"form": form})


@require_http_methods(["GET", "POST"])
def set_up_two_factor(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("accounts:sign-in")
    user = _user(request)
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect("accounts:two-factor")
    device = services.totp_device_for_set_up(user=user)
    form = CodeForm(request.POST or None)
    if _demo_bypass_requested(request):
        return _demo_bypass(request, user)
    if request.method == "POST" and form.is_valid():
        if services.totp_device_confirm(user=user, device=device,
                                        token=form.cleaned_data["token"]):
            otp_login(request, device)
            services.sign_in_record(user=user, method="totp (new device)")
            return _after_sign_in(request)
        form.add_error("token", "That code is not right. Scan the QR code again or type the "
                                "key, then enter the newest code.")
    qr_svg = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    return render(request, "accounts/set_up_two_factor.html", {
        "form": form,
        "qr_svg": qr_svg.to_string(encoding="unicode"),
        "secret": base64.b32encode(device.bin_key).decode(),
    })


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        services.sign_out_record(user=_user(request))
    logout(request)
    messages.success(request, "You have signed out.")
    return redirect("accounts:sign-in")


def locked_out(request: HttpRequest, credentials: dict[str, Any] | None = None,
               *args: Any, **kwargs: Any) -> HttpResponse:
    """django-axes calls this when an account has had too many failed sign-ins."""
    username = str((credentials or {}).get("username", ""))
    services.sign_in_failure_record(username=username, stage="locked out")
    return render(request, "accounts/locked_out.html", status=429)


def home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    return redirect("accounts:organisation", code=user.organisation.code)


def organisation_directory(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/organisation_directory.html", {
        "organisations": queries.organisation_directory(),
    })


def organisation_detail(request: HttpRequest, code: str) -> HttpResponse:
    user = _user(request)
    organisation = queries.organisation_get(user=user, code=code)
    return render(request, "accounts/organisation_detail.html", {
        "organisation": organisation,
        "people": queries.colleagues_list(user=user, organisation=organisation),
        "may_see_colleagues": can(user, Capability.SEE_COLLEAGUES),
    })


def person_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    colleague = queries.colleague_get(user=_user(request), user_id=user_id)
    return render(request, "accounts/person_detail.html", {
        "person": colleague,
        "has_two_factor": TOTPDevice.objects.filter(user=colleague, confirmed=True).exists(),
    })


@require_http_methods(["GET", "POST"])
def person_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    require(user, Capability.MANAGE_USERS)
    form = UserCreateForm(request.POST or None, kind=user.organisation.kind_enum)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.user_create(
                organisation=user.organisation, username=data["username"],
                first_name=data["first_name"], last_name=data["last_name"], email=data["email"],
                job_title=data["job_title"], collar_number=data["collar_number"],
                roles=form.chosen_roles(), password=data["password"], created_by=user,
            )
        except Refused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"{person} can now sign in and set up two-factor sign-in.")
            return redirect("accounts:person", user_id=person.pk)
    return render(request, "accounts/person_form.html", {"form": form, "creating": True})


@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, user_id: int) -> HttpResponse:
    user = _user(request)
    person = queries.colleague_get(user=user, user_id=user_id, capability=Capability.MANAGE_USERS)
    initial = {
        "first_name": person.first_name, "last_name": person.last_name, "email": person.email,
        "job_title": person.job_title, "collar_number": person.collar_number,
        "roles": [r.value for r in person.role_set], "is_active": person.is_active,
        "version": person.version,
    }
    form = UserEditForm(request.POST or None, initial=initial, kind=person.organisation.kind_enum)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_update(
                administrator=user, user_id=person.pk, version=data["version"],
                first_name=data["first_name"], last_name=data["last_name"], email=data["email"],
                job_title=data["job_title"], collar_number=data["collar_number"],
                roles=form.chosen_roles(), is_active=data["is_active"],
            )
        except Refused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"Saved the changes to {person}.")
            return redirect("accounts:person", user_id=person.pk)
    return render(request, "accounts/person_form.html",
                  {"form": form, "person": person, "creating": False})


@require_http_methods(["GET", "POST"])
def person_mfa_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    user = _user(request)
    person = queries.colleague_get(user=user, user_id=user_id, capability=Capability.MANAGE_USERS)
    form = MfaResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.mfa_reset(administrator=user, user_id=person.pk,
                               reason=form.cleaned_data["reason"])
        except Refused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"{person} will set up two-factor sign-in again.")
            return redirect("accounts:person", user_id=person.pk)
    return render(request, "accounts/person_mfa_reset.html", {"form": form, "person": person})
