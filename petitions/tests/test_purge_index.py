"""The hourly purge of unconfirmed signatures reads only unconfirmed ones: on SQLite it holds
the write lock while it reads, so reading the confirmed millions (through the created_at
index) would stop every signature for as long as that takes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from petitions import services

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
def test_the_purge_reads_only_the_unconfirmed_index():
    with CaptureQueriesContext(connection) as queries:
        assert services.signatures_purge_unconfirmed() == 0
    statements = [q["sql"] for q in queries.captured_queries if "petitions_signature" in q["sql"]]
    assert statements
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + statements[0])
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "USING INDEX signature_unconfirmed" in plan, plan
