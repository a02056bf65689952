"""Choice widgets written out in Python give the HTML their templates give, escaped the same.

Given selects (with groups, several chosen, nothing chosen), checkboxes and radios whose labels
and values hold characters HTML must escape, when each renders through ``govuk_widgets`` and
through the template Django or Lantern would have used, then the two agree (spacing aside), and
every form's choice widgets are the Python ones.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django import forms
from django.forms.renderers import get_default_renderer

from lantern import govuk_widgets
from lantern.govuk_forms import GovukForm

HOSTILE = [("a&b", 'Tom & "Jerry" <b>'), ("<x>", "It's <script>alert(1)</script>"), ("3", "Plain"),
           ("", "Not known")]
GROUPED = [("Europe", [("fr", "France"), ("de", "Germany")]), ("Asia", [("vn", "Viet Nam")]), ("x", "Other")]


def _spaced(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", str(html))).strip()


def _template(widget: forms.Widget, name: str, value: Any, template: str = "") -> str:
    context = widget.get_context(name, value, {"id": f"id_{name}"})
    return get_default_renderer().render(template or widget.template_name, context)


@pytest.mark.parametrize(("original", "value"), [
    (forms.Select(choices=HOSTILE, attrs={"class": "govuk-select", "aria-describedby": "id_x-hint"}), "<x>"),
    (forms.Select(choices=GROUPED, attrs={"disabled": True, "data-off": False}), "vn"),
    (forms.Select(choices=HOSTILE), None),
    (forms.SelectMultiple(choices=HOSTILE, attrs={"class": "govuk-select"}), ["a&b", "3"]),
])
def test_a_select_is_the_same_html_as_djangos_template(original: forms.Widget, value: Any) -> None:
    fast = govuk_widgets.IN_PYTHON[type(original)]()
    fast.__dict__.update(original.__dict__)
    expected = _template(original, "x", value)
    assert _spaced(fast.render("x", value, {"id": "id_x"})) == _spaced(expected)
    assert "<script>" not in fast.render("x", value, {"id": "id_x"})


@pytest.mark.parametrize(("original", "template", "value"), [
    (forms.CheckboxSelectMultiple(choices=HOSTILE), "govuk/widgets/checkboxes.html", ["a&b", "<x>"]),
    (forms.CheckboxSelectMultiple(choices=GROUPED), "govuk/widgets/checkboxes.html", []),
    (forms.RadioSelect(choices=HOSTILE), "govuk/widgets/radios.html", "3"),
    (forms.RadioSelect(choices=HOSTILE), "govuk/widgets/radios.html", None),
])
def test_checkboxes_and_radios_are_the_same_html_as_lanterns_templates(
        original: forms.Widget, template: str, value: Any) -> None:
    fast = govuk_widgets.IN_PYTHON[type(original)]()
    fast.__dict__.update(original.__dict__)
    html = fast.render("x", value, {"id": "id_x"})
    assert _spaced(html) == _spaced(_template(original, "x", value, template))
    assert "<script>" not in html and html.count("<input ") == 4  # every option, groups flattened


class _Chosen(GovukForm):
    single = forms.ChoiceField(choices=HOSTILE)
    several = forms.MultipleChoiceField(choices=HOSTILE, widget=forms.CheckboxSelectMultiple)
    one = forms.ChoiceField(choices=HOSTILE, widget=forms.RadioSelect)
    maybe = forms.NullBooleanField()


def test_every_forms_choice_widgets_are_written_in_python_but_others_keep_their_templates() -> None:
    form = _Chosen({"single": "3", "several": ["3"], "one": "3"})
    assert isinstance(form.fields["single"].widget, govuk_widgets.Select)
    assert isinstance(form.fields["several"].widget, govuk_widgets.CheckboxSelectMultiple)
    assert isinstance(form.fields["one"].widget, govuk_widgets.RadioSelect)
    assert type(form.fields["maybe"].widget) is forms.NullBooleanSelect
    html = str(form)
    # Each is still the kind of widget the field template knows: radios and checkboxes in a
    # fieldset whose legend names the question (the group a screen reader announces).
    assert [form[name].widget_type for name in ("single", "several", "one")] == [
        "select", "checkboxselectmultiple", "radioselect"]
    assert html.count('<fieldset class="govuk-fieldset"') == 2 and "<legend" in html
    assert '<option value="3" selected>Plain</option>' in html
    assert 'type="checkbox" name="several" value="3" id="id_several_2" checked>' in html
    assert 'class="govuk-select"' in html and "&lt;script&gt;" in html
    # The class form's own widgets are untouched: only each form's copy is swapped.
    assert type(_Chosen.base_fields["single"].widget) is forms.Select
