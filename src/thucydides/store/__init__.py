"""store: DuckDB schema, migrations, idempotent upserts and queries."""

from thucydides.store.store import Store

__all__ = ["Store"]
