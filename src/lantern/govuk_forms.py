"""GOV.UK Frontend form fields and widgets, in one place.

Every Lantern form subclasses ``GovukForm``: its fields render as GOV.UK form groups with label,
hint and error message, and the page shows an error summary linking to each wrong answer.
``VersionForm`` adds the hidden version that catches two people editing one record.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting

from lantern.govuk_widgets import IN_PYTHON

_WIDGET_CLASSES: list[tuple[type[forms.Widget], str, str]] = [
    (forms.CheckboxSelectMultiple, "govuk-checkboxes__input", ""),
    (forms.RadioSelect, "govuk-radios__input", ""),
    (forms.CheckboxInput, "govuk-checkboxes__input", ""),
    (forms.Select, "govuk-select", "govuk-select--error"),
    (forms.Textarea, "govuk-textarea", "govuk-textarea--error"),
    (forms.DateInput, "govuk-input govuk-input--width-10", "govuk-input--error"),
    (forms.widgets.Input, "govuk-input", "govuk-input--error"),
]


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/form.html"
    field_template_name = "govuk/field.html"


class GovukForm(forms.Form):
    """A form whose widgets carry GOV.UK classes and point at their hint and error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_fields()

    def style_fields(self) -> None:
        """Give every widget its GOV.UK classes: call again after adding fields."""
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.HiddenInput):
                continue
            css = next((c for t, c, _ in _WIDGET_CLASSES if isinstance(widget, t)), "")
            widget.attrs["class"] = " ".join(c for c in (widget.attrs.get("class", ""), css) if c)
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{name}-hint"
            if type(widget) in IN_PYTHON:  # the same HTML, written without a template per option
                widget.__class__ = IN_PYTHON[type(widget)]
            if isinstance(widget, forms.CheckboxSelectMultiple):
                widget.template_name = "govuk/widgets/checkboxes.html"
            elif isinstance(widget, forms.RadioSelect):
                widget.template_name = "govuk/widgets/radios.html"

    def full_clean(self) -> None:
        """Validate, then mark each wrong answer's widget as GOV.UK does."""
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            error_css = next((e for t, _, e in _WIDGET_CLASSES if isinstance(widget, t)), "")
            if error_css:
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {error_css}".strip()
            described = widget.attrs.get("aria-describedby", "")
            widget.attrs["aria-describedby"] = f"{described} id_{name}-error".strip()

    def error_list(self) -> list[tuple[str, str]]:
        """(anchor, message) pairs for the error summary, in field order."""
        errors: list[tuple[str, str]] = [("", str(m)) for m in self.non_field_errors()]
        for name in self.fields:
            for message in self.errors.get(name, []):
                errors.append((self._error_anchor(name), str(message)))
        return errors

    def _error_anchor(self, name: str) -> str:
        """Where the summary's link goes: the input itself, or the first of a set of radios or
        checkboxes, as GOV.UK Frontend expects (the set as a whole has no id to go to)."""
        bound = self[name]
        if isinstance(bound.field.widget, forms.RadioSelect):  # checkboxes subclass it
            first = next(iter(bound.subwidgets), None)
            if first is not None and first.id_for_label:
                return f"#{first.id_for_label}"
        return f"#{bound.id_for_label or bound.auto_id}"


class VersionForm(GovukForm):
    """A form for editing a record that another person may be editing at the same time."""

    version = forms.IntegerField(widget=forms.HiddenInput)


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    """A date field whose errors name the date asked for, as GOV.UK's pattern does."""
    return forms.DateField(
        label=label, required=required, help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": f"Enter the {label.lower()}",
                        "invalid": f"Enter the {label.lower()} as a date, like 2026-11-24"})


class YesNoField(forms.TypedChoiceField):
    """A yes-or-no question as GOV.UK radios, cleaned to True or False."""

    def __init__(self, label: str, **kwargs: Any) -> None:
        super().__init__(label=label, choices=[("yes", "Yes"), ("no", "No")], widget=forms.RadioSelect,
                         coerce=lambda v: v == "yes", **kwargs)
