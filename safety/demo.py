"""Demo data for patient safety: the default crisis phrases and resources."""

from safety.defaults import ensure_defaults
from safety.roles import ensure_clinical_reviewers_group


def load(members) -> None:
    ensure_defaults()
    ensure_clinical_reviewers_group()
