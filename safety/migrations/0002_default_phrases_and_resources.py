"""A few sensible crisis phrases and resources to start with; staff change them in the admin."""

from django.db import migrations

from safety.defaults import DEFAULT_PHRASES, DEFAULT_RESOURCES

def add_defaults(apps, schema_editor):
    CrisisPhrase = apps.get_model("safety", "CrisisPhrase")
    CrisisResource = apps.get_model("safety", "CrisisResource")
    for phrase in DEFAULT_PHRASES:
        if not CrisisPhrase.objects.filter(phrase__iexact=phrase).exists():
            CrisisPhrase.objects.create(phrase=phrase)
    for position, (name, phone, text) in enumerate(DEFAULT_RESOURCES):
        CrisisResource.objects.get_or_create(
            name=name, defaults={"phone": phone, "text": text, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("safety", "0001_crisis_language")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
