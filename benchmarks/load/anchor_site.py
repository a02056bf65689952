"""The load benchmark's anchor: the plainest Django page of the same kind, under the same gunicorn.

A signed-in person's list page and nothing else: Django's session middleware reads the session
from the load's PostgreSQL database (one of the sessions Lantern's users hold), one query finds
the user's force and one reads its 50 newest investigations (by the index Lantern's case list
uses), and a template renders them as a table. No
access rules, audit, second factor, CSRF or GOV.UK layout: what Django, gunicorn and PostgreSQL
give on this machine before Lantern does anything. ``run.py`` serves it with the same workers
and asks it with the same users and reading time, and prints Lantern's figures beside it.

    DATABASE_URL=postgres://... SECRET_KEY=... gunicorn --chdir benchmarks/load anchor_site
"""

from __future__ import annotations

import os

import environ
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.template import Context, Engine
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY=os.environ["SECRET_KEY"],
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    DATABASES={"default": {**environ.Env().db("DATABASE_URL"), "CONN_MAX_AGE": 60}},
    INSTALLED_APPS=["django.contrib.sessions"],
    MIDDLEWARE=["django.contrib.sessions.middleware.SessionMiddleware"],
    SESSION_COOKIE_SECURE=False,
    USE_TZ=True,
)

PAGE = Engine().from_string("""<!DOCTYPE html><html lang="en"><head><title>Investigations</title></head>
<body><h1>Investigations</h1><p>Signed in: {{ signed_in }}</p><table class="govuk-table">
<tr><th>Crime reference</th><th>Recorded</th><th>Status</th></tr>
{% for reference, recorded, status in rows %}<tr>
<td><a href="/cases/{{ reference }}/">{{ reference }}</a></td>
<td>{{ recorded|date:"j M Y" }}</td><td>{{ status }}</td></tr>{% endfor %}
</table></body></html>""")


def investigations(request: HttpRequest) -> HttpResponse:
    user_id = request.session.get("_auth_user_id")
    with connection.cursor() as cursor:
        # The user's force first, then its list: joined in one query, the planner sorts every one
        # of the force's investigations (70 ms for the largest) instead of reading the index.
        cursor.execute("SELECT organisation_id FROM accounts_user WHERE id = %s", [user_id])
        found = cursor.fetchone()
        cursor.execute("SELECT crime_reference, recorded_on, status FROM cases_investigation "
                       "WHERE organisation_id = %s ORDER BY recorded_on DESC, id DESC LIMIT 50",
                       [found[0] if found else None])
        rows = cursor.fetchall()
    signed_in = user_id is not None
    return HttpResponse(PAGE.render(Context({"rows": rows, "signed_in": signed_in})),
                        headers={"Cache-Control": "no-store"})


urlpatterns = [path("", investigations), path("health", lambda request: HttpResponse("ok"))]
application = get_wsgi_application()
