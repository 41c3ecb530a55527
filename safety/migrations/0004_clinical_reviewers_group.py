"""The "Clinical reviewers" group with its permission."""

from django.db import migrations


def add_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="safety", model="clinicalnote")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="review_clinical",
        defaults={"name": "Can review medical misinformation flags and add a clinician's note"},
    )
    group, _ = Group.objects.get_or_create(name="Clinical reviewers")
    group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("safety", "0003_clinical_notes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_group, migrations.RunPython.noop)]
