"""Django's own strings that its Spanish catalogue (Django 6.1) leaves untranslated, so
staff would read them in English in the admin ("Run", "Filter by status", "- Select an
option -"). Marked here only so `makemessages` keeps them in locale/es, where we write
their Spanish; nothing imports this module. Drop a line once Django's catalogue has it
(tests/i18n/test_admin.py finds any that an admin page still shows untranslated).
"""

from django.utils.translation import gettext_noop, ngettext_lazy

DJANGO_ADMIN = [
    gettext_noop('The app "%s" could not be found.'),
    gettext_noop(", "),
    gettext_noop("Run"),
    gettext_noop("Filter by %(field_name)s"),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would require deleting the "
        "following protected related objects:"
    ),
    gettext_noop(
        "Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? All of "
        "the following related items will be deleted:"
    ),
    gettext_noop("Pagination %(name)s entries"),
    gettext_noop("Pagination %(name)s"),
    gettext_noop("Search %(name)s"),
    gettext_noop("Logout"),
]
DJANGO_ADMIN_PLURAL = ngettext_lazy("…and %(count)d more object.", "…and %(count)d more objects.")
DJANGO_FORMS = [
    gettext_noop("- Select an option -"),
    gettext_noop("“%(value)s” is not a valid binary value."),
    gettext_noop("No %s matches the given query."),
]
