"""The annual report's page and downloads, at /insights/report/ (``report_views``)."""

from django.urls import URLPattern, path

from lantern.insights import report_views

urlpatterns: list[URLPattern] = [
    path("", report_views.report_page, name="report"),
]
