"""Audit rows stop naming their targets ("Post 42 by @june in “title”" becomes "Post 42 in
thread 7"; "@june" becomes "Member 12"): the log is append-only, so a name or a title kept
in it could never be erased when a member closes their account or an edit removes a phone
number. The log page shows the current names instead.

This is the one time rows of the log change: on PostgreSQL the append-only trigger is
switched off for this migration's UPDATE only, inside its transaction, and back on before
it commits."""

from django.db import migrations

TRIGGER = "moderation_auditentry_append_only"


def forwards(apps, schema_editor):
    AuditEntry = apps.get_model("moderation", "AuditEntry")
    Post = apps.get_model("community", "Post")
    postgresql = schema_editor.connection.vendor == "postgresql"
    if postgresql:
        schema_editor.execute(f"ALTER TABLE moderation_auditentry DISABLE TRIGGER {TRIGGER}")
    post_ids = AuditEntry.objects.filter(target_type__model="post").values("target_id")
    threads = dict(Post.objects.filter(pk__in=post_ids).values_list("pk", "thread_id"))
    for entry in AuditEntry.objects.select_related("target_type").iterator(chunk_size=2000):
        model, pk = entry.target_type.model, entry.target_id
        if model == "post":
            label = f"Post {pk} in thread {threads[pk]}" if pk in threads else f"Post {pk}"
        elif model == "thread":
            label = f"Thread {pk}"
        elif model == "user":
            label = f"Member {pk}"
        elif model == "group":
            label = f"Group {pk}"
        else:
            continue
        if label != entry.target_label:
            AuditEntry.objects.filter(pk=entry.pk).update(target_label=label)
    if postgresql:
        schema_editor.execute(f"ALTER TABLE moderation_auditentry ENABLE TRIGGER {TRIGGER}")


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0004_audit_group_actions"),
        ("community", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
