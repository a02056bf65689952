"""The national picture's pages: the dashboards (``dashboard_urls``), the annual report (``report_urls``)."""

from django.urls import include, path

app_name = "insights"

urlpatterns = [
    path("", include("lantern.insights.dashboard_urls")),
    path("report/", include("lantern.insights.report_urls")),
]
