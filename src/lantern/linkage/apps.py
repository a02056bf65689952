from django.apps import AppConfig


class LinkageConfig(AppConfig):
    name = "lantern.linkage"
    label = "linkage"
    verbose_name = "Connections across forces"
