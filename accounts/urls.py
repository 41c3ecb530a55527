from django.urls import path

from accounts import languages, views

app_name = "accounts"

urlpatterns = [
    path("u/<str:handle>/", views.profile, name="profile"),
    path("accounts/profile/", views.profile_edit, name="profile-edit"),
    path("accounts/", views.account, name="account"),
    path("accounts/premium/request-trial/", views.request_trial, name="request-trial"),
    path("accounts/export/", views.export_data, name="export-data"),
    path("accounts/close/", views.close_account, name="close-account"),
    path("language/", languages.switch_language, name="language"),
]
