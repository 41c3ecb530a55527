"""The Spanish catalogue is complete: every string marked anywhere in the source has a
Spanish translation in locale/es, neither empty nor fuzzy (issue 19: makemessages produces
complete catalogues). Each area's page test also checks its own files' strings."""

from tests.i18n.catalogue import catalogue_problems


def test_every_marked_string_has_spanish():
    problems = catalogue_problems()
    assert problems == [], "\n".join(problems)
