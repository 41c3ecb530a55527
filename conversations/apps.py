from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "conversations"
    verbose_name = _("Private messages")

    def ready(self) -> None:
        """Takes part in the lower apps' work through their hooks (docs/architecture.md)."""
        from accounts import hooks as accounts_hooks
        from conversations import annotations, notices, personal_data
        from core.context_processors import HeaderFact, header_facts
        from notifications import hooks as notifications_hooks

        header_facts.register(
            HeaderFact(
                "unread_messages",
                annotation=annotations.unread_conversations,
                finish=lambda user, n: n or 0,
            )
        )
        accounts_hooks.exporters.register(("conversations", personal_data.export_conversations))
        accounts_hooks.exporters.register(("message_settings", personal_data.export_blocks))
        accounts_hooks.erasers.register(personal_data.erase)
        accounts_hooks.profile_members.register(annotations.annotate_blocked)
        notifications_hooks.email_preview.register(notices.message_preview)
        notifications_hooks.notification_actions.register(notices.care_reply_action)
