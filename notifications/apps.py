from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        """Takes part in the lower apps' work through their hooks (docs/architecture.md)."""
        from accounts import hooks as accounts_hooks
        from community import hooks as community_hooks
        from core.context_processors import HeaderFact, header_facts
        from notifications import annotations, membership_tasks, privacy, services

        header_facts.register(
            HeaderFact("unread", annotation=annotations.unread_count, finish=lambda user, n: n or 0)
        )
        accounts_hooks.exporters.register(("notifications", privacy.export_notifications))
        accounts_hooks.exporters.register(
            ("notification_emails", privacy.export_notification_emails)
        )
        accounts_hooks.exporters.register(
            ("notification_settings", privacy.export_notification_settings)
        )
        accounts_hooks.erasers.register(privacy.erase)
        accounts_hooks.profile_members.register(annotations.annotate_muted_members)
        accounts_hooks.trial_granted.register(membership_tasks.queue_granted_notices)
        accounts_hooks.trial_requests_declined.register(membership_tasks.queue_declined_notices)
        community_hooks.post_created.register(services.notify_post_published)
        community_hooks.post_edited.register(services.notify_new_mentions)
        community_hooks.thread_page.register(annotations.annotate_muted_threads)
