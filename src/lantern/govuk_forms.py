"""GOV.UK Frontend form fields and widgets, in one place.

Every Lantern form subclasses ``GovukForm``: its fields render as GOV.UK form groups with label,
hint and error message, and the page shows an error summary linking to each wrong answer.
``VersionForm`` adds the hidden version that catches two people editing one record.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting

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
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.HiddenInput):
                continue
            for widget_type, css, error_css in _WIDGET_CLASSES:
                if isinstance(widget, widget_type):
                    classes = [widget.attrs.get("class", ""), css]
                    if self.is_bound and name in self.errors and error_css:
                        classes.append(error_css)
                    widget.attrs["class"] = " ".join(c for c in classes if c)
                    break
            described_by = []
            if field.help_text:
                described_by.append(f"id_{name}-hint")
            if self.is_bound and name in self.errors:
                described_by.append(f"id_{name}-error")
            if described_by:
                widget.attrs["aria-describedby"] = " ".join(described_by)
            if isinstance(widget, forms.CheckboxSelectMultiple):
                widget.template_name = "govuk/widgets/checkboxes.html"
            elif isinstance(widget, forms.RadioSelect):
                widget.template_name = "govuk/widgets/radios.html"

    def error_list(self) -> list[tuple[str, str]]:
        """(anchor, message) pairs for the error summary, in field order."""
        errors: list[tuple[str, str]] = [("", str(m)) for m in self.non_field_errors()]
        for name in self.fields:
            for message in self.errors.get(name, []):
                errors.append((f"#id_{name}", str(message)))
        return errors


class VersionForm(GovukForm):
    """A form for editing a record that another person may be editing at the same time."""

    version = forms.IntegerField(widget=forms.HiddenInput)
