"""Demo data for patient safety: the default crisis phrases and resources."""

from safety.defaults import ensure_defaults
from safety.roles import ensure_clinical_reviewers_group


def load(members) -> None:
    ensure_defaults()
    # The hospital's nurse reviews medical misinformation flags in the demo.
    group = ensure_clinical_reviewers_group()
    if "nurse_rosa" in members:
        members["nurse_rosa"].groups.add(group)
