from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "safety"
    verbose_name = _("Patient safety")

    def ready(self) -> None:
        """Takes part in posting and in the moderation queue through the lower apps' hooks
        (docs/architecture.md)."""
        from accounts import hooks as accounts_hooks
        from community import hooks as community_hooks
        from moderation import hooks as moderation_hooks
        from safety import crisis, queue, services, tasks

        community_hooks.post_text_saved.register(services.mark_if_matching)
        accounts_hooks.former_handles.register(
            lambda member: services.erase_mentions(member=member)
        )
        community_hooks.crisis_language.register(crisis)
        community_hooks.old_version_removed.register(services.remove_old_version)
        moderation_hooks.misinformation_flagged.register(tasks.queue_clinical_review_notice)
        moderation_hooks.urgent_in_queue.register(queue.needs_care)
        moderation_hooks.review_annotations.register(queue.care_annotations)
        moderation_hooks.review_context.register(queue.reach_out_form_context)
