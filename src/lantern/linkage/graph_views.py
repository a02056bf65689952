"""The network graph's page, and the two JSON endpoints its script calls. Thin: parse, call one
query, respond. Every answer is scoped and logged in ``graph_queries``."""

from __future__ import annotations

import json
from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from lantern.access.rules import Capability
from lantern.access.scope import require
from lantern.govuk_forms import GovukForm, date_field
from lantern.linkage import graph_queries
from lantern.linkage.graph_queries import Graph, GraphFilter, GraphRefused
from lantern.request_user import signed_in as _user


class GraphFilterForm(GovukForm):
    """Which force's records, and investigations recorded in which period."""

    force = forms.ChoiceField(label="Force", required=False)
    date_from = date_field("Investigations recorded from", required=False)
    date_to = date_field("Investigations recorded up to", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        force = cast(forms.ChoiceField, self.fields["force"])
        force.choices = [("", "All forces"), *graph_queries.graph_forces()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The end of the period must be on or after its start")
        return data

    def filters(self) -> GraphFilter:
        data = self.cleaned_data
        return GraphFilter(force=data.get("force") or "", date_from=data.get("date_from"),
                           date_to=data.get("date_to"))


class GraphForm(GraphFilterForm):
    start = forms.CharField(
        label="Start from", max_length=100,
        help_text="A crime reference (like WY/00123/26) or an organised crime group's national "
                  "reference (like OCG-WEST-YORKSHI-0001)",
        error_messages={"required": "Enter a crime reference or a group reference"})
    field_order = ["start", "force", "date_from", "date_to"]


class ExportForm(GovukForm):
    reason = forms.CharField(
        label="Why are you exporting this graph?", max_length=500,
        help_text="Recorded in the audit trail with the file's contents",
        error_messages={"required": "Say why you are exporting the graph"})
    file_format = forms.ChoiceField(label="File format", widget=forms.RadioSelect, initial="csv",
                                    choices=[("csv", "CSV (opens in a spreadsheet)"), ("json", "JSON")],
                                    error_messages={"required": "Choose a file format"})
    nodes = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_nodes(self) -> list[str]:
        try:
            nodes = json.loads(self.cleaned_data["nodes"] or "[]")
        except ValueError as bad:
            raise forms.ValidationError("The graph to export could not be read: try again") from bad
        if not isinstance(nodes, list) or not nodes:
            raise forms.ValidationError("The graph shows nothing to export")
        return [str(n) for n in nodes]


def _page(request: HttpRequest, form: GraphForm, graph: Graph | None,
          export_form: ExportForm | None = None, status: int = 200) -> HttpResponse:
    labels = {n.id: n.label for n in graph.nodes} if graph else {}
    start = graph.nodes[0] if graph else None
    return render(request, "linkage/graph.html", {
        "form": form, "graph": graph, "start": start,
        "export_form": export_form or ExportForm(),
        "edges": [(e, labels.get(e.source, ""), labels.get(e.target, "")) for e in graph.edges]
        if graph else [],
        "graph_data": graph.as_dict() if graph else None,
        "node_ids": json.dumps([n.id for n in graph.nodes]) if graph else "[]",
    }, status=status)


def _open(request: HttpRequest, data: Any, export_form: ExportForm | None = None) -> HttpResponse:
    """The graph opened from ``data``'s start and filters, or the form that asks for them."""
    user = _user(request)
    require(user, Capability.SEE_CASES)
    form = GraphForm(data)
    if not form.is_bound or not form.is_valid():
        return _page(request, form, None)
    text = form.cleaned_data["start"]
    start = graph_queries.graph_start_find(user=user, text=text)
    if start is None:
        form.add_error("start", "No investigation or group you may see has that reference")
        return _page(request, form, None)
    if start.id != text and export_form is None:
        query = {"start": start.id, **form.filters().as_detail()}
        return redirect(f"{reverse('linkage:graph')}?{urlencode(query)}")
    graph = graph_queries.graph_expand(user=user, nodes=[start.id], filters=form.filters())
    return _page(request, form, graph, export_form, status=400 if export_form else 200)


@require_GET
def graph_page(request: HttpRequest) -> HttpResponse:
    return _open(request, request.GET or None)


def _expand_request(body: bytes) -> tuple[list[Any], list[Any], GraphFilter]:
    """The nodes to expand, the nodes already shown and the filters, from the script's JSON."""
    try:
        data = json.loads(body or b"{}")
    except ValueError as bad:
        raise GraphRefused("Send the graph's request as JSON.") from bad
    if not isinstance(data, dict):
        raise GraphRefused("Send a JSON object.")
    filter_form = GraphFilterForm({k: data.get(k) or "" for k in ("force", "date_from", "date_to")})
    if not filter_form.is_valid():
        raise GraphRefused(" ".join(m for _, m in filter_form.error_list()))
    nodes, shown = data.get("nodes"), data.get("shown") or []
    if not isinstance(nodes, list) or not nodes or not isinstance(shown, list):
        raise GraphRefused("Say which nodes to expand.")
    return nodes, shown, filter_form.filters()


@require_POST
def graph_expand(request: HttpRequest) -> JsonResponse:
    """JSON in: ``{"nodes": [...], "shown": [...], "force", "date_from", "date_to"}``; the graph out."""
    user = _user(request)
    try:
        nodes, shown, filters = _expand_request(request.body)
        graph = graph_queries.graph_expand(user=user, nodes=nodes, shown=shown, filters=filters)
    except GraphRefused as problem:
        return JsonResponse({"detail": str(problem)}, status=400)
    return JsonResponse(graph.as_dict())


@require_POST
def graph_export(request: HttpRequest) -> HttpResponse:
    """The graph the browser shows, as a CSV or JSON file; every node is checked again."""
    user = _user(request)
    form = ExportForm(request.POST)
    if not form.is_valid():
        return _open(request, request.POST, export_form=form)
    file_format = form.cleaned_data["file_format"]
    try:
        graph = graph_queries.graph_export(user=user, nodes=form.cleaned_data["nodes"],
                                           reason=form.cleaned_data["reason"], file_format=file_format)
    except GraphRefused as problem:
        form.add_error(None, str(problem))
        return _open(request, request.POST, export_form=form)
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    if file_format == "json":
        response = HttpResponse(graph_queries.graph_json(graph), content_type="application/json")
    else:
        response = HttpResponse(graph_queries.graph_csv(graph), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="lantern-graph-{stamp}.{file_format}"'
    return response
