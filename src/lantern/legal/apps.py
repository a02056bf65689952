from django.apps import AppConfig


class LegalConfig(AppConfig):
    name = "lantern.legal"
    label = "legal"
    verbose_name = "Dated legal rules"
