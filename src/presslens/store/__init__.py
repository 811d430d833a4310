"""DuckDB storage for analysed articles, and Parquet parts with the same tables.

One DuckDB file holds a corpus. Articles are keyed by ``schema.content_id`` (a hash of the
analysed text), so writing the same article twice stores it once; an input's own identifier (a
JSONL ``id``) is kept in ``articles.source_id``, which need not be unique. The tables and their
columns come from ``schema.TABLES``, the one mapping between records and rows.

* ``ddl``: the schema (DDL, Arrow schemas, indexes, derived tables) and its migrations;
* ``rows``: Analyses as Arrow batch tables;
* ``database``: opening a database (``connect``) and writing batches (``Store``);
* ``parts``: the same batch tables as Parquet parts (the Dask engine) and loading them.
"""

from presslens.store.database import PartError, Store, StoreError, WriteResult, connect
from presslens.store.ddl import (
    ADDED,
    ADDED_COLUMNS,
    ALL_TABLES,
    ARROW_SCHEMAS,
    BATCH_TABLES,
    CHILD_TABLES,
    DDL,
    DERIVED_COLUMNS,
    DERIVED_DDL,
    DERIVED_TABLES,
    INDEX_DDL,
    INDEX_NAMES,
    SCHEMA_VERSION,
    SPEAKER_QUOTE_ROWS_VIEW,
    add_columns,
    add_derived_tables,
    add_indexes,
    create_schema,
    missing_indexes,
    outdated_derived_tables,
    transaction,
)
from presslens.store.parts import (
    PART_PREFIX,
    LoadResult,
    find_parts,
    iter_load_parts,
    load_parts,
    part_article_ids,
    part_name,
    read_part,
    write_part,
)
from presslens.store.rows import empty_tables, to_tables, without_articles

__all__ = [
    "ADDED",
    "ADDED_COLUMNS",
    "ALL_TABLES",
    "ARROW_SCHEMAS",
    "BATCH_TABLES",
    "CHILD_TABLES",
    "DDL",
    "DERIVED_COLUMNS",
    "DERIVED_DDL",
    "DERIVED_TABLES",
    "INDEX_DDL",
    "INDEX_NAMES",
    "PART_PREFIX",
    "SCHEMA_VERSION",
    "SPEAKER_QUOTE_ROWS_VIEW",
    "LoadResult",
    "PartError",
    "Store",
    "StoreError",
    "WriteResult",
    "add_columns",
    "add_derived_tables",
    "add_indexes",
    "connect",
    "create_schema",
    "empty_tables",
    "find_parts",
    "iter_load_parts",
    "load_parts",
    "missing_indexes",
    "outdated_derived_tables",
    "part_article_ids",
    "part_name",
    "read_part",
    "to_tables",
    "transaction",
    "without_articles",
    "write_part",
]
