from django.apps import AppConfig


class WebinarsConfig(AppConfig):
    name = "webinars"

    def ready(self) -> None:
        """Takes part in accounts' work through its hooks (docs/architecture.md)."""
        from accounts import hooks as accounts_hooks
        from webinars import personal_data

        accounts_hooks.exporters.register(("webinar_registrations", personal_data.registrations))
        accounts_hooks.erasers.register(personal_data.erase)
