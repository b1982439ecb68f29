"""Sessions in the database (SESSION_ENGINE without Redis), with the read that every
signed-in request makes written out once: Django's store asks the ORM for the row
(`Session.objects.get(...)`), whose building and compiling cost about ten times the indexed
read itself. The same query, the same answer: the row of the key if it has not expired, else
no session (and the key is dropped, as Django does). Writes stay Django's."""

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        model = self.model
        connection = connections[router.db_for_read(model)]
        table, key, data, expiry = (
            connection.ops.quote_name(name)
            for name in (model._meta.db_table, "session_key", "session_data", "expire_date")
        )
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {data} FROM {table} WHERE {key} = %s AND {expiry} > %s", [self.session_key, now])  # noqa: S608 - quoted names, values as parameters
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return model(session_key=self.session_key, session_data=row[0])
