"""The crisis phrases and resources a new site starts with (the data migration and the demo
load them); staff change them in the admin afterwards."""

DEFAULT_PHRASES = [
    # Self-harm and suicide
    "suicide",
    "suicidal",
    "kill myself",
    "killing myself",
    "end my life",
    "ending my life",
    "take my own life",
    "want to die",
    "better off dead",
    "self-harm",
    "hurt myself",
    "hurting myself",
    # Medical emergencies
    "overdose",
    "overdosed",
    "chest pain",
    "can't breathe",
    "cannot breathe",
    "coughing up blood",
]

DEFAULT_RESOURCES = [
    (
        "Emergency services",
        "911 (112 in Europe)",
        "If you or someone near you is in danger or seriously ill right now, call now.",
    ),
    (
        "Suicide & Crisis Lifeline",
        "988",
        "Call or text any time, day or night, to talk with someone who listens (US).",
    ),
    (
        "Our hospital's nurse line",
        "555-0142",
        "For worrying symptoms: a nurse answers around the clock.",
    ),
]


def ensure_defaults() -> None:
    """Adds any default phrase or resource that is missing; leaves staff's changes alone."""
    from safety.models import CrisisPhrase, CrisisResource

    for phrase in DEFAULT_PHRASES:
        if not CrisisPhrase.objects.filter(phrase__iexact=phrase).exists():
            CrisisPhrase.objects.create(phrase=phrase)
    for position, (name, phone, text) in enumerate(DEFAULT_RESOURCES):
        CrisisResource.objects.get_or_create(
            name=name, defaults={"phone": phone, "text": text, "position": position}
        )
