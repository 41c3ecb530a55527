"""Looks through every text column of every model for words that must be gone."""

from django.apps import apps
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Cast

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField, SearchVectorField)


def text_columns() -> list[tuple[type[models.Model], str]]:
    """(model, field name) for every stored text column (tsvectors and JSON included)."""
    return [
        (model, field.attname)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, TEXT_FIELDS)
    ]


def rows_holding(*words: str) -> list[str]:
    """One line (app.Model.field #pk holds 'word') for each stored value that contains a word
    (ignoring case). Empty when none does."""
    found = []
    for model, column in text_columns():
        for word in words:
            rows = (
                model._base_manager.annotate(_as_text=Cast(column, models.TextField()))
                .filter(_as_text__icontains=word)
                .values_list("pk", flat=True)
            )
            found += [f"{model._meta.label}.{column} #{pk} holds {word!r}" for pk in rows]
    return found
