"""Demo data for patient safety: the default crisis phrases and resources."""

from safety.defaults import ensure_defaults


def load(members) -> None:
    ensure_defaults()
