import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kiz.settings")
# The WSGI entry point serves deployments (gunicorn): production unless said otherwise, so a forgotten DEBUG or
# SECRET_KEY stops the start instead of running in debug mode. `manage.py runserver` has loaded its settings
# before it imports this module.
os.environ.setdefault("KIZ_ENVIRONMENT", "production")

application = get_wsgi_application()
