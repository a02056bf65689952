from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    name = "lantern.safeguarding"
    label = "safeguarding"
    verbose_name = "Safeguarding"
