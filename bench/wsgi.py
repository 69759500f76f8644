"""The production WSGI application, with two additions for ``bench/load.py``.

- ``/__plafond__/?grootte=N``: the ceiling. A bare view that returns a static
  page of N bytes, served through the same middleware stack as every page.
- every response carries ``X-Sql-Queries``: the number of SQL statements the
  request ran (``bench.middleware.SqlTeller``, outermost).

Never used in production: ``config.wsgi`` is.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from django.conf import settings
from django.core.wsgi import get_wsgi_application

settings.MIDDLEWARE = ["bench.middleware.SqlTeller", *settings.MIDDLEWARE]
settings.ROOT_URLCONF = "bench.urls"
application = get_wsgi_application()
