"""Indexes the insights page needs on other apps' tables, kept here so those apps' migration
histories stay untouched. Plain SQL that PostgreSQL and SQLite both accept."""

from django.db import migrations

INDEXES = [
    ("insights_user_date_joined", "accounts_user", "date_joined"),
    ("insights_reaction_created", "community_reaction", "created_at"),
    ("insights_flag_created", "moderation_flag", "created_at"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0001_initial"),
        ("accounts", "0002_membership_notices_trial_requests_closing"),
        ("community", "0003_revision_editor_and_reason"),
        ("moderation", "0002_audit_log_append_only"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column})",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, table, column in INDEXES
    ]
