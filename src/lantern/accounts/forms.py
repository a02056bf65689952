"""The forms people fill in to sign in and to manage their organisation's accounts."""

from __future__ import annotations

from django import forms

from lantern.accounts.rules import OrganisationKind, Role, roles_allowed_for
from lantern.govuk_forms import GovukForm, VersionForm


class SignInForm(GovukForm):
    username = forms.CharField(
        label="Username", max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
        error_messages={"required": "Enter your username"},
    )
    password = forms.CharField(
        label="Password", strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )


class CodeForm(GovukForm):
    token = forms.RegexField(
        label="Code from your authenticator app",
        regex=r"^\s*\d{6}\s*$",
        help_text="The 6-digit code your authenticator app shows for Lantern",
        widget=forms.TextInput(attrs={
            "autocomplete": "one-time-code", "inputmode": "numeric",
            "class": "govuk-input--width-5", "spellcheck": "false",
        }),
        error_messages={
            "required": "Enter the 6-digit code from your authenticator app",
            "invalid": "The code must be 6 digits, like 123456",
        },
    )

    def clean_token(self) -> str:
        return str(self.cleaned_data["token"]).strip()


def _role_choices(kind: OrganisationKind) -> list[tuple[str, str]]:
    allowed = roles_allowed_for(kind)
    return [(r.value, r.label) for r in Role if r in allowed]


class _PersonFields(GovukForm):
    first_name = forms.CharField(label="First name", max_length=150,
                                 error_messages={"required": "Enter their first name"})
    last_name = forms.CharField(label="Last name", max_length=150,
                                error_messages={"required": "Enter their last name"})
    email = forms.EmailField(label="Email address",
                             error_messages={"required": "Enter their work email address",
                                             "invalid": "Enter an email address like name@force.police.uk"})
    job_title = forms.CharField(label="Job title", max_length=120, required=False)
    collar_number = forms.CharField(label="Collar or staff number", max_length=20, required=False)
    roles = forms.MultipleChoiceField(
        label="Roles", widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one role"},
    )

    def __init__(self, *args: object, kind: OrganisationKind, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = _role_choices(kind)  # type: ignore[attr-defined]

    def chosen_roles(self) -> set[Role]:
        return {Role(code) for code in self.cleaned_data["roles"]}


class UserCreateForm(_PersonFields):
    username = forms.SlugField(label="Username", max_length=150,
                               help_text="Letters, numbers, hyphens and underscores",
                               error_messages={"required": "Enter a username"})
    password = forms.CharField(
        label="First password", strip=False, min_length=12,
        help_text="At least 12 characters. Give it to them privately; they set up two-factor "
                  "sign-in when they first sign in.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter a first password",
                        "min_length": "The password must be at least 12 characters"},
    )

    field_order = ["username", "first_name", "last_name", "email", "job_title",
                   "collar_number", "roles", "password"]


class UserEditForm(VersionForm, _PersonFields):
    is_active = forms.BooleanField(label="May sign in", required=False)


class MfaResetForm(GovukForm):
    reason = forms.CharField(
        label="Why is two-factor sign-in being reset?", max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why two-factor sign-in is being reset"},
    )
