from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")

    def ready(self) -> None:
        """Takes part in accounts' work through its hooks (docs/architecture.md)."""
        from accounts import hooks as accounts_hooks
        from community import annotations, personal_data

        accounts_hooks.exporters.register(("posts", personal_data.posts))
        accounts_hooks.exporters.register(("post_versions", personal_data.post_versions))
        accounts_hooks.exporters.register(("reactions", personal_data.reactions))
        accounts_hooks.exporters.register(("follows", personal_data.follows))
        accounts_hooks.exporters.register(("drafts", personal_data.drafts))
        accounts_hooks.erasers.register(personal_data.erase)
        accounts_hooks.profile_members.register(annotations.annotate_visible_post_count)
