from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("u/<str:handle>/", views.profile, name="profile"),
    path("accounts/profile/", views.profile_edit, name="profile-edit"),
    path("accounts/", views.account, name="account"),
]
