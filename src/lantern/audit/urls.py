from django.urls import path

from lantern.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.event_search, name="search"),
    path("export/", views.event_export, name="export"),
]
