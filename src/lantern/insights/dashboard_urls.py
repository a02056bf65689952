"""The dashboards: the nation's, a region's and a force's figures, and each table's downloads."""

from django.urls import URLPattern, path

from lantern.insights import dashboard_views as views

urlpatterns: list[URLPattern] = [
    path("", views.national, name="national"),
    path("tables/<slug:key>.<slug:file_format>", views.national_table, name="national-table"),
    path("regions/<slug:code>/", views.region, name="region"),
    path("regions/<slug:code>/tables/<slug:key>.<slug:file_format>", views.region_table, name="region-table"),
    path("forces/<slug:code>/", views.force, name="force"),
    path("forces/<slug:code>/tables/<slug:key>.<slug:file_format>", views.force_table, name="force-table"),
]
