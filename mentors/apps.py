from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "mentors"
    verbose_name = _("Mentors")

    def ready(self) -> None:
        """The mentors' part of "Download my data" and of closing an account
        (accounts.hooks)."""
        from accounts import hooks as accounts_hooks
        from mentors import personal_data

        accounts_hooks.exporters.register(("mentor_claims", personal_data.claims))
        accounts_hooks.erasers.register(personal_data.erase)
