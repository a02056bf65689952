"""Where Splink runs: an in-memory DuckDB (the default) or Spark (``pip install lantern[spark]``).

Each backend holds the normalised rows as the table ``PEOPLE`` and reads query results back as
tuples; the engine and the model are the same on both. Neither writes personal data anywhere it
outlives the run: DuckDB does not spill to disk at all, and Spark's shuffle and checkpoint files
go to a private temporary directory (mode 0700) that is removed when the run ends.
"""

from __future__ import annotations

import atexit
import importlib.util
import itertools
import math
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import duckdb
import pyarrow as pa
from splink import DuckDBAPI

from lantern.linkage.normalise import Row

PEOPLE = "lantern_people"
TRAINING_SAMPLE = "lantern_training_sample"
DRAW = "draw"
# Rows handed to the database at a time while loading, so that the whole table never exists
# twice in Python.
LOAD_BATCH = 50_000
ENGINES = ("duckdb", "spark")

# The table Splink reads: one row of ``normalise.features`` per record.
_TEXT = ("unique_id", "source", "given_name", "given_canonical", "given_key", "given_initial",
         "given_whole", "given_whole_key", "family_name", "family_key", "family_initial", "initials", "dob",
         "dob_swapped", "sex", "nationality", "postcode_first", "address_first", "house_number", "town_first")
# ``draw``: the record's place in a seeded shuffle, which picks the training sample and the chunk
# a record's pairs are scored in (the engine sets it; it is not a feature).
_NUMBERS = ("birth_year", "birth_year_min", "birth_year_max", DRAW)
_LISTS = ("name_forms", "alias_forms", "alias_words", "alias_keys", "phones", "emails", "postcodes",
          "postcode_districts", "addresses", "street_words", "towns", "vehicles", "documents",
          "associate_ids", "associate_names")
COLUMNS: dict[str, str] = {
    **dict.fromkeys(_TEXT, "VARCHAR"),
    **dict.fromkeys(_NUMBERS, "INTEGER"),
    **dict.fromkeys(_LISTS, "VARCHAR[]"),
}
_ARROW = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "VARCHAR[]": pa.list_(pa.string())}

# Spark's master when none is set: every core of this machine. LANTERN_SPARK_MASTER points a
# national run at a cluster instead (spark://host:7077, yarn, k8s://...).
SPARK_MASTER_DEFAULT = "local[*]"


class DuckDBBackend:
    """An in-memory DuckDB with spilling to disk turned off (a run that does not fit fails)."""

    dialect = "duckdb"

    # Pairs of one chunk are scored at a time above this many records (see ``chunks``). Each chunk
    # repeats the blocking joins, so fewer is faster: at 300,000 records one chunk scored in 45 s
    # where two took 85-107 s. 500,000 keeps a national run of 1,000,000 to two chunks and within
    # its 6 GB (``benchmarks/README.md``).
    RECORDS_PER_CHUNK = 500_000

    def __init__(self, rows: Iterable[Row]) -> None:
        self.con = duckdb.connect()
        self.con.execute("SET temp_directory = ''")
        columns = ", ".join(f"{column} {kind}" for column, kind in COLUMNS.items())
        self.con.execute(f"CREATE TABLE {PEOPLE} ({columns})")
        self._load(rows)
        self.api: Any = DuckDBAPI(connection=self.con)

    def _load(self, rows: Iterable[Row]) -> None:
        """Batches of rows as Arrow tables, each inserted on a second thread while the next is made.

        Why: DuckDB reads Arrow without Python's lock, so the insert of one batch runs on the
        second core while this one normalises the next (a pandas frame of Python objects held the
        lock for the whole insert). At 1,000,000 records this hid the load almost entirely
        (``benchmarks/README.md``).
        """
        iterator = iter(rows)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="lantern-load") as loader:
            pending: Future[Any] | None = None
            while batch := list(itertools.islice(iterator, LOAD_BATCH)):
                table = pa.table({column: pa.array([row[column] for row in batch], type=_ARROW[kind])
                                  for column, kind in COLUMNS.items()})
                del batch
                if pending is not None:
                    pending.result()
                pending = loader.submit(self._insert, table)
            if pending is not None:
                pending.result()

    def _insert(self, table: pa.Table) -> None:
        cursor = self.con.cursor()
        try:
            cursor.register("lantern_batch", table)
            cursor.execute(f"INSERT INTO {PEOPLE} SELECT * FROM lantern_batch")  # noqa: S608 (fixed names)  # nosec B608
            cursor.unregister("lantern_batch")
        finally:
            cursor.close()

    def chunks(self, records: int) -> int:
        """How many chunks to score pairs in: DuckDB holds one chunk's candidate pairs at a time."""
        return max(1, math.ceil(records / self.RECORDS_PER_CHUNK))

    def subset(self, name: str, where: str) -> None:
        """The rows of ``PEOPLE`` that meet ``where`` (SQL from the engine), as the table ``name``."""
        self.con.execute(f"CREATE TABLE {name} AS SELECT * FROM {PEOPLE} WHERE {where}")  # noqa: S608  # nosec B608

    def drop_table(self, name: str) -> None:
        self.con.execute(f"DROP TABLE IF EXISTS {name}")

    def fetch(self, sql: str) -> Iterator[tuple[Any, ...]]:
        result = self.con.execute(sql)
        while batch := result.fetchmany(100_000):
            yield from batch

    def close(self) -> None:
        self.con.close()


_spark: dict[str, Any] = {}
CHECKPOINTS = "checkpoints"  # where Splink writes the tables it breaks lineage with (Parquet)


def _spark_session() -> Any:
    """One Spark session per process (starting one takes seconds), its scratch directory removed
    and the session stopped when the process ends."""
    if "session" not in _spark:
        try:
            from pyspark.sql import SparkSession
            from splink.backends.spark import similarity_jar_location
        except ImportError as error:
            raise ValueError(
                "The Spark engine needs PySpark: pip install 'lantern[spark]' (and Java 17).") from error
        scratch = tempfile.mkdtemp(prefix="lantern-spark-")  # mkdtemp makes it 0700
        master = os.environ.get("LANTERN_SPARK_MASTER", SPARK_MASTER_DEFAULT)
        if master.startswith("local"):
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # never listen beyond this machine
        session = (
            SparkSession.builder.master(master)
            .appName("lantern-linkage")
            .config("spark.jars", similarity_jar_location())
            .config("spark.local.dir", scratch)
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", os.environ.get("LANTERN_SPARK_PARTITIONS", str(
                2 * (os.cpu_count() or 1) if master.startswith("local") else 200)))
            .config("spark.driver.memory", os.environ.get("LANTERN_SPARK_DRIVER_MEMORY", "4g"))
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        session.sparkContext.setCheckpointDir(os.path.join(scratch, CHECKPOINTS))

        def stop() -> None:
            session.stop()
            shutil.rmtree(scratch, ignore_errors=True)
        atexit.register(stop)
        _spark["session"] = session
        _spark["scratch"] = scratch
    return _spark["session"]


class SparkBackend:
    """Spark, local mode unless LANTERN_SPARK_MASTER says otherwise, with Splink's Scala UDFs."""

    dialect = "spark"

    def __init__(self, rows: Iterable[Row]) -> None:
        from splink.internals.spark.database_api import SparkAPI

        self.spark = _spark_session()

        from pyspark.sql import types

        kinds = {"VARCHAR": types.StringType(), "INTEGER": types.IntegerType(),
                 "VARCHAR[]": types.ArrayType(types.StringType())}
        schema = types.StructType([types.StructField(column, kinds[kind])
                                   for column, kind in COLUMNS.items()])
        frame = self.spark.createDataFrame([tuple(row[column] for column in COLUMNS) for row in rows], schema)
        frame.createOrReplaceTempView(PEOPLE)
        self.api = SparkAPI(spark_session=self.spark)

    def chunks(self, records: int) -> int:
        """Spark spreads and spills the candidate pairs itself: one chunk."""
        return 1

    def subset(self, name: str, where: str) -> None:
        """The rows of ``PEOPLE`` that meet ``where`` (SQL from the engine), as the view ``name``."""
        self.spark.sql(f"SELECT * FROM {PEOPLE} WHERE {where}").createOrReplaceTempView(name)  # noqa: S608  # nosec B608

    def drop_table(self, name: str) -> None:
        self.spark.catalog.dropTempView(name)

    def fetch(self, sql: str) -> Iterator[tuple[Any, ...]]:
        for row in self.spark.sql(sql).toLocalIterator():
            yield tuple(row)

    def close(self) -> None:
        """Forget this run's tables, cached data and checkpoint files (the session stays for the
        next run)."""
        self.spark.catalog.clearCache()
        for table in self.spark.catalog.listTables():
            if table.isTemporary:
                self.spark.catalog.dropTempView(table.name)
        shutil.rmtree(os.path.join(_spark["scratch"], CHECKPOINTS), ignore_errors=True)


Backend = DuckDBBackend | SparkBackend


def unavailable(engine: str) -> str | None:
    """Why ``engine`` cannot run on this machine, or None when it can."""
    if engine not in ENGINES:
        return f"Linkage engine {engine!r} is not one of {', '.join(ENGINES)}."
    if engine == "spark":
        if importlib.util.find_spec("pyspark") is None:
            return "The Spark engine needs PySpark: pip install 'lantern[spark]'."
        if shutil.which("java") is None and "JAVA_HOME" not in os.environ:
            return "The Spark engine needs Java 17 (no java on the PATH and JAVA_HOME is not set)."
    return None


def backend(engine: str, rows: Iterable[Row]) -> Backend:
    """The named backend holding ``rows`` as ``PEOPLE``."""
    if engine == "duckdb":
        return DuckDBBackend(rows)
    if engine == "spark":
        return SparkBackend(rows)
    raise ValueError(f"Linkage engine {engine!r} is not one of {', '.join(ENGINES)}.")
