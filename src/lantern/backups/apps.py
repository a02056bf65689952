from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "lantern.backups"
    label = "backups"
    verbose_name = "Backups"
