"""Fills Post.review_since for the posts already waiting: pending posts since they were
written, posts with open flags since their first open flag (moderation.review)."""

from django.db import migrations
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce


def fill(apps, schema_editor):
    Post = apps.get_model("community", "Post")
    Flag = apps.get_model("moderation", "Flag")
    open_flags = Flag.objects.filter(post=OuterRef("pk"), resolved_at__isnull=True)
    first_open_flag = Subquery(open_flags.order_by("created_at").values("created_at")[:1])
    Post.objects.filter(Q(status="pending") | Q(Exists(open_flags))).update(
        review_since=Coalesce(first_open_flag, F("created_at"))
    )
    if schema_editor.connection.vendor == "postgresql":
        # Statistics for the new column: without them the planner takes every post for a
        # waiting one and counts the queue with a scan of the whole table.
        schema_editor.execute(f"ANALYZE {Post._meta.db_table}")


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0008_post_review_queue"),
        ("moderation", "0006_alter_auditentry_action"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
