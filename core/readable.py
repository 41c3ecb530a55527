"""Fetch one piece of member content the reader may read, or the 404 page.

    post = get_readable_or_404(Post.objects.select_related("thread"), request.user, pk=pk)

The model's queryset decides what is readable (`readable_by(user)`, e.g. community's
querysets); this helper only makes sure every view asks it the same way. A forged id, an id
of content the reader may not see and a stale link all get the same 404 as a missing object,
so the answer never hints that something exists.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import Http404


def readable(queryset_or_model: Any, user: Any) -> models.QuerySet:
    """The queryset (or the model's default one) narrowed to what `user` may read."""
    if isinstance(queryset_or_model, type) and issubclass(queryset_or_model, models.Model):
        queryset_or_model = queryset_or_model._default_manager.all()
    return queryset_or_model.readable_by(user)


def get_readable_or_404(queryset_or_model: Any, user: Any, **lookup: Any) -> Any:
    """The one object matching `lookup` that `user` may read; Http404 otherwise (also for
    malformed lookups such as a non-numeric id)."""
    queryset = readable(queryset_or_model, user)
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404("Not found.") from None
