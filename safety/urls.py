from django.urls import path

from safety import views

app_name = "safety"

urlpatterns = [
    path("moderation/clinical/", views.clinical_queue, name="clinical-queue"),
    path("moderation/clinical/<int:pk>/note/", views.clinical_note, name="clinical-note"),
    path("moderation/clinical/<int:pk>/dismiss/", views.clinical_dismiss, name="clinical-dismiss"),
    path("p/<int:pk>/redact/", views.redact_post, name="redact-post"),
    path("moderation/care/<int:pk>/reach-out/", views.care_reach_out, name="care-reach-out"),
    path("moderation/care/<int:pk>/close/", views.care_close, name="care-close"),
]
