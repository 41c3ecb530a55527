from django.contrib import admin

from mentors.models import MentorClaim


@admin.register(MentorClaim)
class MentorClaimAdmin(admin.ModelAdmin):
    list_display = ["thread", "mentor", "claimed_at", "expires_at"]
    raw_id_fields = ["thread", "mentor"]
