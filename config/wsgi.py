import logging
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

from core import shared_cache  # noqa: E402  (needs the settings loaded above)

if shared_cache.cache_is_local():
    # config/gunicorn.py refuses several workers; a server started another way gets this.
    logging.getLogger("config.wsgi").warning("%s %s", shared_cache.PROBLEM, shared_cache.HINT)
