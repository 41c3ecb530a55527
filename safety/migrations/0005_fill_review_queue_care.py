"""Puts the posts with an open CareMark first in the moderation queue (Post.review_first),
waiting since their first open flag or their creation (moderation.review)."""

from django.db import migrations
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Coalesce


def fill(apps, schema_editor):
    Post = apps.get_model("community", "Post")
    CareMark = apps.get_model("safety", "CareMark")
    open_care = CareMark.objects.filter(post=OuterRef("pk"), closed_at__isnull=True)
    Post.objects.filter(Exists(open_care)).update(
        review_first=True, review_since=Coalesce(F("review_since"), F("created_at"))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0007_fill_review_queue"),
        ("safety", "0004_clinical_reviewers_group"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
