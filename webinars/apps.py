from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebinarsConfig(AppConfig):
    name = "webinars"
    verbose_name = _("Webinars")

    def ready(self) -> None:
        """Takes part in accounts' work, core's side column and community's search through
        their hooks (docs/architecture.md)."""
        from accounts import hooks as accounts_hooks
        from community import hooks as community_hooks
        from core.side_column import side_facts
        from webinars import personal_data
        from webinars.side import NEXT_WEBINAR
        from webinars.transcript_search import transcript_section

        accounts_hooks.exporters.register(("webinar_registrations", personal_data.registrations))
        accounts_hooks.exporters.register(("webinar_attendance", personal_data.attendance))
        accounts_hooks.erasers.register(personal_data.erase)
        side_facts.register(NEXT_WEBINAR)
        community_hooks.search_sections.register(transcript_section)
