from django.apps import AppConfig


class WebinarsConfig(AppConfig):
    name = "webinars"

    def ready(self) -> None:
        """Takes part in accounts' work and core's side column through their hooks
        (docs/architecture.md)."""
        from accounts import hooks as accounts_hooks
        from core.side_column import side_facts
        from webinars import personal_data
        from webinars.side import NEXT_WEBINAR

        accounts_hooks.exporters.register(("webinar_registrations", personal_data.registrations))
        accounts_hooks.exporters.register(("webinar_attendance", personal_data.attendance))
        accounts_hooks.erasers.register(personal_data.erase)
        side_facts.register(NEXT_WEBINAR)
