from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"

    def ready(self) -> None:
        """Moderation's rules decide who may post (community.hooks, docs/architecture.md)."""
        from community import hooks as community_hooks
        from moderation import rules

        community_hooks.posting_rules.register(rules)
