"""The embedded store: analysed articles in SQLite (WAL), searchable in Arabic.

>>> from rasd.store import connect, store_documents, analyse_inputs  # doctest: +SKIP
>>> conn = connect("rasd.db")                                        # doctest: +SKIP
>>> summary = store_documents(conn, analyse_inputs(["examples"]))    # doctest: +SKIP

See ``docs/store.md`` for the tables and the query functions.
"""

from rasd.store.ingest import (
    AlreadyStored,
    IngestSummary,
    analyse_inputs,
    load_document,
    store_documents,
    stored_ids,
)
from rasd.store.queries import Filters
from rasd.store.schema import SCHEMA_VERSION, StoreError, connect
from rasd.store.search import (
    DEFAULT_LIMITS,
    QueryCancelled,
    QueryTimeout,
    SearchError,
    SearchLimits,
    parse_query,
    time_limit,
)

__all__ = [
    "DEFAULT_LIMITS",
    "SCHEMA_VERSION",
    "AlreadyStored",
    "Filters",
    "IngestSummary",
    "QueryCancelled",
    "QueryTimeout",
    "SearchError",
    "SearchLimits",
    "StoreError",
    "analyse_inputs",
    "connect",
    "load_document",
    "parse_query",
    "store_documents",
    "stored_ids",
    "time_limit",
]
