"""Choice widgets (selects, checkboxes, radios) written out in Python, not a template per option.

Django renders each option of a select through its own template include: the encounter form's
nationality list alone is some 200 includes, and such forms spent most of their 60 ms of CPU
there. These widgets give the same HTML as Django's select (``django/forms/widgets/select.html``)
and as Lantern's GOV.UK checkboxes and radios (``templates/govuk/widgets/``), escaped the same
way, from the same ``get_context``; ``GovukForm.style_fields`` gives them to every form.
"""

from __future__ import annotations

from functools import partial
from typing import Any, ClassVar

from django import forms
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe


def _attributes(attrs: dict[str, Any]) -> str:
    """As ``attrs.html``: True a bare name, False left out, anything else ``name="value"``."""
    return "".join(f" {name}" if value is True else f' {name}="{conditional_escape(str(value))}"'
                   for name, value in attrs.items() if value is not False)


def select_html(widget: dict[str, Any]) -> str:
    parts = [f'<select name="{escape(widget["name"])}"{_attributes(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            parts.append(f'\n  <option value="{escape(str(option["value"]))}"{_attributes(option["attrs"])}>'
                         f'{conditional_escape(option["label"])}</option>')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _choices_html(widget: dict[str, Any], kind: str, input_type: str) -> str:
    parts = [f'<div class="govuk-{kind} govuk-{kind}--small" data-module="govuk-{kind}">']
    for _group, options, _index in widget["optgroups"]:
        for option in options:
            identifier = escape(str(option["attrs"].get("id", "")))
            checked = " checked" if option["selected"] else ""
            parts.append(
                f'\n  <div class="govuk-{kind}__item">\n'
                f'    <input class="govuk-{kind}__input" type="{input_type}" name="{escape(option["name"])}" '
                f'value="{escape(str(option["value"]))}" id="{identifier}"{checked}>\n'
                f'    <label class="govuk-label govuk-{kind}__label" for="{identifier}">'
                f'{conditional_escape(option["label"])}</label>\n  </div>')
    parts.append("\n</div>")
    return "".join(parts)


class _InPython:
    """Render from the widget's context with its class's ``write`` instead of its template."""

    write: ClassVar[staticmethod[[dict[str, Any]], str]]

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None,
               renderer: Any = None) -> SafeString:
        context = self.get_context(name, value, attrs)  # type: ignore[attr-defined]
        # Every value and label in it is escaped by select_html / _choices_html.
        return mark_safe(type(self).write(context["widget"]))  # noqa: S308  # nosec B308, B703


class Select(_InPython, forms.Select):
    write = staticmethod(select_html)


class SelectMultiple(_InPython, forms.SelectMultiple):
    write = staticmethod(select_html)


class CheckboxSelectMultiple(_InPython, forms.CheckboxSelectMultiple):
    write = staticmethod(partial(_choices_html, kind="checkboxes", input_type="checkbox"))


class RadioSelect(_InPython, forms.RadioSelect):
    write = staticmethod(partial(_choices_html, kind="radios", input_type="radio"))


# Django's widget -> the same written out in Python. Each keeps its Django class's name: a bound
# field's ``widget_type`` comes from it, and the field template puts radios and checkboxes in a
# fieldset with a legend by that name. Exactly these classes: a subclass may render
# differently (NullBooleanSelect, a widget with its own template), so it keeps its template.
IN_PYTHON: dict[type[forms.Widget], type[forms.Widget]] = {
    forms.Select: Select, forms.SelectMultiple: SelectMultiple,
    forms.CheckboxSelectMultiple: CheckboxSelectMultiple, forms.RadioSelect: RadioSelect,
}
