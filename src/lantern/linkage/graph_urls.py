"""The network graph's page and the JSON endpoints it calls (mounted at /linkage/graph/)."""

from django.urls import path

from lantern.linkage import graph_views

urlpatterns = [
    path("", graph_views.graph_page, name="graph"),
    path("expand/", graph_views.graph_expand, name="graph-expand"),
    path("export/", graph_views.graph_export, name="graph-export"),
]
