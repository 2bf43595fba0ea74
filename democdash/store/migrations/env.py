"""Alembic environment: runs on the connection democdash passes in; never touches logging."""

from alembic import context

from democdash.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("democdash migrations run through democdash.store.migrate.upgrade()")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
