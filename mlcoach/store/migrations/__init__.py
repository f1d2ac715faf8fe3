"""Alembic migrations. HEAD lets the store skip importing Alembic when the schema is current."""

HEAD = "0016"
