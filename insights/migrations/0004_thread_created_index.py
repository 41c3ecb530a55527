"""An index on threads' creation time for the daily figures (insights.measure), kept here
like 0002's so the community app's migration history stays untouched."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0003_day_figures"),
        ("community", "0003_revision_editor_and_reason"),
    ]

    operations = [
        migrations.RunSQL(
            sql="CREATE INDEX IF NOT EXISTS insights_thread_created ON community_thread (created_at)",
            reverse_sql="DROP INDEX IF EXISTS insights_thread_created",
        )
    ]
