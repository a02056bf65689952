from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "lantern.insights"
    label = "insights"
    verbose_name = "The national picture"
