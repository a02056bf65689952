from django.urls import include, path

from lantern.linkage import views

app_name = "linkage"

urlpatterns = [
    path("", views.connections, name="connections"),
    path("matches/<int:match_id>/", views.match_detail, name="match"),
    path("seen-before/", views.seen_before, name="seen-before"),
    path("runs/new/", views.run_new, name="run-new"),
    path("runs/<int:run_id>/", views.run_detail, name="run"),
    path("graph/", include("lantern.linkage.graph_urls")),
]
