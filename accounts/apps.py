from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    # allauth's own app is also called "Accounts" in the admin; tell them apart.
    verbose_name = _("Members and memberships")

    def ready(self) -> None:
        """The header's Moderation and Mentors links (core.context_processors.header_facts)."""
        from accounts.header import can_moderate, holds_moderation, is_mentor
        from core.context_processors import HeaderFact, header_facts

        header_facts.register(
            HeaderFact("can_moderate", annotation=holds_moderation, finish=can_moderate)
        )
        header_facts.register(HeaderFact("is_mentor", finish=is_mentor))
