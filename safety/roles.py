"""The clinical reviewers' group: a Django group holding one permission.

Staff add clinicians to the group "Clinical reviewers" in the admin (Users → Groups). Its
members see the medical misinformation queue (/moderation/clinical/) and may add a
clinician's note beneath a flagged post; moderators may too. Who is a clinical reviewer is
answered by accounts.roles.is_clinical_reviewer (the one definition).
"""

from __future__ import annotations

from accounts.roles import CLINICAL_REVIEWERS_GROUP as CLINICAL_REVIEWERS


def ensure_clinical_reviewers_group():
    """The group with its permission (the data migration and the demo call this)."""
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    from safety.models import ClinicalNote

    content_type = ContentType.objects.get_for_model(ClinicalNote)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="review_clinical",
        defaults={"name": "Can review medical misinformation flags and add a clinician's note"},
    )
    group, _ = Group.objects.get_or_create(name=CLINICAL_REVIEWERS)
    group.permissions.add(permission)
    return group
