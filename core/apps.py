from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        from core import shared_cache  # noqa: F401  (registers the gathering.W001 check)
