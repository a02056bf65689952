from django.urls import path

from lantern.legal import views

app_name = "legal"

urlpatterns = [
    path("", views.rule_table, name="rules"),
    path("new/", views.rule_add, name="rule-add"),
]
