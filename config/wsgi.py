import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
application = get_wsgi_application()

# Repeats of public pages are answered from a one-second process-local cache before Django
# is entered (see core.caching.WSGIPageCache).
from core.caching import WSGIPageCache  # noqa: E402

application = WSGIPageCache(application)
