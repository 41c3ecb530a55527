"""Notifications about posts stop storing the actor's name ("June replied in …" becomes
"{actor} replied in …"; Notification.line puts the name back when shown), so a rename or a
closed account leaves no old name behind. Rows written under an earlier name are found by
their fixed wording, whatever the name was."""

import re

from django.db import migrations

ACTOR = "{actor}"
WORDING = re.compile(
    r"^.+? (?=(?:started|quoted you in|mentioned you in|replied in) “)", re.DOTALL
)
POST_KINDS = ["reply", "thread", "quote", "mention"]


def forwards(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    rows = Notification.objects.filter(kind__in=POST_KINDS, actor__isnull=False).exclude(
        text__startswith=ACTOR
    )
    for pk, text in rows.values_list("pk", "text").iterator(chunk_size=2000):
        line, found = WORDING.subn(ACTOR + " ", text, count=1)
        if found:
            Notification.objects.filter(pk=pk).update(text=line)


def backwards(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    rows = Notification.objects.filter(text__startswith=ACTOR).select_related("actor")
    for notification in rows.iterator(chunk_size=2000):
        actor = notification.actor
        name = "Former member" if actor is None or actor.closed_at else (
            actor.display_name or actor.handle
        )
        notification.text = name + notification.text[len(ACTOR) :]
        notification.save(update_fields=["text"])


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0003_discreet_email_and_quiet_hours"),
        ("accounts", "0003_allow_search_indexing"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=True)]
