from django.conf import settings


def site(request):
    """The few values every page's layout needs."""
    return {"site_name": settings.SITE_NAME}
