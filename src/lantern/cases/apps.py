from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "lantern.cases"
    label = "cases"
    verbose_name = "Investigations and people"
