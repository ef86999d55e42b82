"""Writing store rows from one 903 source row, following the `Out` declarations."""

from __future__ import annotations

from cscperf.sources.batch import Batch
from cscperf.sources.cells import CellProblem
from cscperf.sources.ssda903.cells import Cells903
from cscperf.sources.ssda903.mapping import Out, sources_of
from cscperf.store.schema import TABLES_BY_NAME


class Writer:
    """Adds rows to a batch; rows of merging outputs are held until `flush`."""

    def __init__(self, batch: Batch):
        self.batch = batch
        # (store table, collection year, natural key) -> [file index, source row, columns]
        self.merged: dict[tuple, list] = {}

    def write(self, out: Out, file_index: int, source_row: int, values: dict, raw: dict,
              year: int, cells: Cells903) -> None:
        """A store row from the `values` read from a source row (`raw` as given, for findings)."""
        if out.when and all(values[name] is None for name in out.when):
            return
        columns = {}
        for column, source in out.columns.items():
            if isinstance(source, str):
                columns[column] = values[source]
                continue
            try:
                columns[column] = source.value(values, year)
            except CellProblem as problem:
                name = sources_of(source)[0]
                cells.problem(name, raw.get(name), problem.rule, problem.message)
                columns[column] = None
        if out.merge:
            self._merge(out, file_index, source_row, columns, raw, year, cells)
        else:
            self.batch.rows(out.table).add(file_index, source_row, **columns)

    def _merge(self, out: Out, file_index: int, source_row: int, columns: dict, raw: dict,
               year: int, cells: Cells903) -> None:
        table = out.table
        key_values = tuple(columns.get(k) for k in TABLES_BY_NAME[table].key)
        if None in key_values:  # an incomplete key cannot be matched; the loader keeps the row
            self.batch.rows(table).add(file_index, source_row, **columns)
            return
        entry = self.merged.setdefault((table, year, key_values), [file_index, source_row, {}])
        kept = entry[2]
        for column, value in columns.items():  # every column given, even blank: the 903 carries it
            if kept.get(column) is None:
                kept[column] = value
            elif value is not None and kept[column] != value:
                name = sources_of(out.columns[column])[0]
                cells.problem(name, raw.get(name), "conflicting-values",
                              f"an earlier row for the same {table} record gives {kept[column]}; "
                              "that value was kept")

    def flush(self) -> None:
        for (table, _, _), (file_index, source_row, columns) in self.merged.items():
            self.batch.rows(table).add(file_index, source_row, **columns)
        self.merged.clear()
