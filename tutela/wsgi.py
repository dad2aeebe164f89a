"""WSGI entry point for production servers.

Servers do not run Django's system checks, so the register is loaded here: an invalid register
stops the site from starting, with the same messages as ``manage.py register_check``.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tutela.settings")
application = get_wsgi_application()

from tutela.register.checks import register_or_die  # noqa: E402 -- needs Django set up first

register_or_die()
