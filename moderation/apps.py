from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        """Moderation's rules decide who may post (community.hooks, docs/architecture.md);
        the flags a member raised and the sanctions they received are in their data export
        (accounts.hooks.exporters)."""
        from accounts import hooks as accounts_hooks
        from community import hooks as community_hooks
        from core.context_processors import HeaderFact, header_facts
        from moderation import personal_data, rules

        community_hooks.posting_rules.register(rules)
        # Read with the member's row on every page: the thread page's reply form asks it.
        header_facts.register(HeaderFact("suspension_id", annotation=rules.suspension_id))
        accounts_hooks.exporters.register(("flags", personal_data.flags))
        accounts_hooks.exporters.register(("warnings_and_suspensions", personal_data.sanctions))
