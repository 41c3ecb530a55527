from django.apps import AppConfig


class SitewideConfig(AppConfig):
    """The top layer: pages and commands that combine apps (the home page, load_demo)."""

    name = "sitewide"
    verbose_name = "Site-wide pages"
