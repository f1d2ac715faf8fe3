"""Everything that lives in the database file, and the only package that talks SQL.

The SQLCipher engine (`db`), the ORM models (`models`) and Alembic migrations, the `Store`
(`core`) whose methods return domain objects, its read-only query modules (`timeline`,
`insights`, `stats`, `people_insights`, `export_rows`), the raw capture path that skips the ORM
(`quick`), backups, recovery, the opening ritual (`vault`) and deleting everything (`wipe`).
Only this package may import SQLAlchemy or `store.models`. May import `domain`, `system`
and `security`.
"""
