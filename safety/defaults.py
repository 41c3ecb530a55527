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
    # The same in Spanish: members write in their own language (docs/i18n.md).
    "suicidio",
    "suicidarme",
    "matarme",
    "quitarme la vida",
    "quiero morir",
    "quiero morirme",
    "mejor muerto",
    "mejor muerta",
    "hacerme daño",
    "lastimarme",
    "sobredosis",
    "dolor en el pecho",
    "dolor de pecho",
    "no puedo respirar",
    "tosiendo sangre",
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

# The default resources' wording in the site's other languages, in DEFAULT_RESOURCES' order
# (name, phone or "" for the same number, text).
DEFAULT_TRANSLATIONS = {
    "es": [
        (
            "Servicios de emergencia",
            "",
            "Si usted o alguien cerca de usted está en peligro o muy enfermo en este momento, "
            "llame ya.",
        ),
        (
            "Línea 988 de Prevención del Suicidio y Crisis",
            "988",
            "Llame o envíe un mensaje de texto a cualquier hora, de día o de noche, para hablar "
            "con alguien que le escucha (EE. UU.). Para hablar en español, marque 2.",
        ),
        (
            "Línea de enfermería de nuestro hospital",
            "",
            "Si tiene síntomas que le preocupan: una enfermera le atiende a toda hora.",
        ),
    ],
}


def ensure_defaults() -> None:
    """Adds any default phrase or resource that is missing; leaves staff's changes alone."""
    from safety.models import CrisisPhrase, CrisisResource, CrisisResourceTranslation

    add_defaults(CrisisPhrase, CrisisResource, CrisisResourceTranslation)


def add_defaults(CrisisPhrase, CrisisResource, CrisisResourceTranslation) -> None:  # noqa: N803
    """The work of ensure_defaults, on the models given (the data migrations' historical
    ones too)."""
    for phrase in DEFAULT_PHRASES:
        if not CrisisPhrase.objects.filter(phrase__iexact=phrase).exists():
            CrisisPhrase.objects.create(phrase=phrase)
    for position, (name, phone, text) in enumerate(DEFAULT_RESOURCES):
        CrisisResource.objects.get_or_create(
            name=name, defaults={"phone": phone, "text": text, "position": position}
        )
    for language, wordings in DEFAULT_TRANSLATIONS.items():
        for (english, *_), (name, phone, text) in zip(DEFAULT_RESOURCES, wordings, strict=True):
            resource = CrisisResource.objects.filter(name=english).first()
            if resource is not None:
                CrisisResourceTranslation.objects.get_or_create(
                    resource=resource,
                    language=language,
                    defaults={"name": name, "phone": phone, "text": text},
                )
