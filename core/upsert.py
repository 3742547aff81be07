"""One INSERT that decides what happens on a conflict, on SQLite and PostgreSQL alike.

Django's `bulk_create(update_conflicts=True)` cannot leave a conflicting row alone under a
condition (`DO UPDATE ... WHERE`), and `ignore_conflicts=True` does not say whether the row
went in. The sign path needs both, in one statement each instead of a savepoint, an INSERT
and a release (or an UPDATE, an EXISTS and a savepointed INSERT)."""

from django.db import connection, models


def insert(
    instance: models.Model,
    *,
    conflict: str,
    refresh: tuple[str, ...] = (),
    refresh_while_null: str = "",
) -> bool:
    """INSERT `instance` (every concrete field but the primary key, defaults and
    `auto_now_add` applied as Django's save would). With no `refresh`, a conflict on any
    unique field (`conflict` among them) leaves the existing row as it is; otherwise, on a
    conflict on the unique field `conflict`, the existing row takes the
    `refresh` fields of `instance`, only while its `refresh_while_null` field is NULL when one
    is named. True when a row was inserted or refreshed. `instance.pk` stays unset."""
    meta = instance._meta
    quote = connection.ops.quote_name
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    columns = {field.name: quote(str(field.column)) for field in fields}
    values = [
        field.get_db_prep_save(field.pre_save(instance, add=True), connection) for field in fields
    ]
    table = quote(meta.db_table)
    sql = (
        f"INSERT INTO {table} ({', '.join(columns.values())}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(fields))}) "
    )
    if refresh:
        sql += f"ON CONFLICT ({columns[conflict]}) DO UPDATE SET " + ", ".join(
            f"{columns[name]} = EXCLUDED.{columns[name]}" for name in refresh
        )
        if refresh_while_null:
            sql += f" WHERE {table}.{columns[refresh_while_null]} IS NULL"
    else:
        # Any unique field: a twin request's row conflicts on every key derived from the
        # address (a signature's deletion token too), and whichever PostgreSQL checks first
        # must not raise.
        sql += "ON CONFLICT DO NOTHING"
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        return cursor.rowcount == 1
