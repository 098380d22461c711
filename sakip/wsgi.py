import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
application = get_wsgi_application()

# A production server with incomplete settings refuses to start, naming what is missing (sakip.core.startup).
from sakip.core.startup import refuse_incomplete_settings  # noqa: E402 (needs the settings loaded above)

refuse_incomplete_settings()
