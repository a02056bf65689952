"""One page layout for every single-form step, so views stay thin and pages look alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from lantern.problems import Refused

T = TypeVar("T")


def form_page(request: HttpRequest, form: forms.Form, *, title: str, button: str,
              caption: str = "", back: str = "", intro: str = "", warning: str = "",
              status: int = 200, extra: dict[str, Any] | None = None) -> HttpResponse:
    return render(request, "form_page.html", {
        "form": form, "title": title, "button": button, "caption": caption, "back": back,
        "intro": intro, "warning": warning, **(extra or {}),
    }, status=status)


def attempt(form: forms.Form, action: Callable[[], T]) -> T | None:
    """Run a service call; if Lantern refuses it, put each reason on the form and return None."""
    try:
        return action()
    except Refused as refused:
        for message in refused.messages:
            form.add_error(None, message)
        return None


def form_step(request: HttpRequest, form: forms.Form, *, action: Callable[[dict[str, Any]], object],
              done: str, title: str, button: str, **page: Any) -> HttpResponse:
    """One step of work: on a valid POST, do ``action`` with the cleaned data and go to ``done``;
    otherwise (or when Lantern refuses) show the form with its errors."""
    if request.method == "POST" and form.is_valid():
        if attempt(form, lambda: action(form.cleaned_data)) is not None:
            return redirect(done)
    return form_page(request, form, title=title, button=button, **page)
