from django.apps import AppConfig


class JusticeConfig(AppConfig):
    name = "lantern.justice"
    label = "justice"
    verbose_name = "Justice"
