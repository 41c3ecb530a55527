"""Staff's tools for patient safety: the crisis phrases and resources. Care marks and
clinicians' notes change only through safety.services (from the moderation pages)."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safety import crisis
from safety.models import CareMark, CrisisPhrase, CrisisResource, CrisisResourceTranslation


class CrisisPhraseForm(forms.ModelForm):
    class Meta:
        model = CrisisPhrase
        fields = ["phrase", "is_active"]

    def clean_phrase(self) -> str:
        phrase = " ".join(self.cleaned_data["phrase"].split())
        if not crisis.phrase_pattern(phrase) or not any(c.isalnum() for c in phrase):
            raise forms.ValidationError(_("Please enter a word or phrase with letters in it."))
        others = CrisisPhrase.objects.filter(phrase__iexact=phrase)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("This phrase is already on the list."))
        return phrase


@admin.register(CrisisPhrase)
class CrisisPhraseAdmin(admin.ModelAdmin):
    form = CrisisPhraseForm
    list_display = ["phrase", "is_active", "created_at"]
    list_editable = ["is_active"]
    list_filter = ["is_active"]
    search_fields = ["phrase"]

    def changelist_view(self, request, extra_context=None):
        active = CrisisPhrase.objects.filter(is_active=True).count()
        if active == 0:
            messages.warning(
                request,
                _(
                    "No crisis phrases are switched on, so drafts are not checked for crisis "
                    "language and no post is marked for a caring look. Add or switch on phrases."
                ),
            )
        elif active > crisis.LARGE_LIST:
            messages.warning(
                request,
                _(
                    "%(active)s crisis phrases are switched on. Over %(limit)s the list is hard "
                    "to look after and marks many ordinary posts: consider switching off "
                    "phrases that are rarely about a crisis."
                )
                % {"active": active, "limit": crisis.LARGE_LIST},
            )
        return super().changelist_view(request, extra_context)


class CrisisResourceTranslationInline(admin.TabularInline):
    """The resource's wording in each other language (docs/i18n.md): a reader of a language
    without one sees the English wording, with a note that it is in English."""

    model = CrisisResourceTranslation
    extra = 1
    fields = ["language", "name", "phone", "text"]


@admin.register(CrisisResource)
class CrisisResourceAdmin(admin.ModelAdmin):
    list_display = ["name", "phone", "position", "is_active", "languages"]
    list_editable = ["position", "is_active"]
    inlines = [CrisisResourceTranslationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translations")

    @admin.display(description=gettext_lazy("translated into"))
    def languages(self, resource: CrisisResource) -> str:
        names = dict(settings.LANGUAGES)
        codes = sorted(t.language for t in resource.translations.all())
        return ", ".join(str(names.get(code, code)) for code in codes) or "—"

    def changelist_view(self, request, extra_context=None):
        if not CrisisResource.objects.filter(is_active=True).exists():
            messages.warning(
                request,
                _(
                    "No crisis resources are switched on: the panel members see only says to "
                    "call their local emergency number. Add a resource with a phone number."
                ),
            )
        return super().changelist_view(request, extra_context)


@admin.register(CareMark)
class CareMarkAdmin(admin.ModelAdmin):
    list_display = ["post", "created_at", "closed_at", "closed_by", "reached_out"]
    list_filter = ["reached_out"]
    list_select_related = ["post", "closed_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
