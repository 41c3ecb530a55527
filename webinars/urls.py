from django.urls import path

from webinars import views

app_name = "webinars"

urlpatterns = [
    path("webinars/", views.webinar_list, name="list"),
    path("webinars/<slug:slug>/", views.webinar_detail, name="detail"),
    path("webinars/<slug:slug>/calendar.ics", views.webinar_calendar, name="calendar"),
    path("webinars/<slug:slug>/register/", views.register, name="register"),
    path("webinars/<slug:slug>/cancel/", views.cancel_registration, name="cancel-registration"),
    path("webinars/<slug:slug>/slides.pdf", views.webinar_slides, name="slides"),
    path("webinars/<slug:slug>/attended/", views.attended, name="attended"),
]
