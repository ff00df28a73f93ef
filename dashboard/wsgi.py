"""The WSGI entry point for other WSGI servers (`gunicorn dashboard.wsgi:server`); `city-sdg serve`
runs gunicorn itself."""

from dashboard.app import create_app
from dashboard.serve import configure_logging, warm

configure_logging()
app = create_app()
server = app.server
warm(server, first_view=True)  # with `gunicorn --preload`, workers share what this loads
