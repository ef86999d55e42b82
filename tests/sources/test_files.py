"""Reading a CSV file column by column (`files.read_columns`) gives what reading it row by row
(`files.read_csv`) gives: the same header, cells, Excel row numbers and notes, whichever of its
two readers (Arrow's for a regular file, Python's csv module for any other) read it."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cscperf.quality.findings import Findings, LoadError
from cscperf.sources.files import SourceFile, _as_columns, read_columns, read_csv

# Cells made of what makes CSV hard: quotes, delimiters, line breaks, and the whitespace that
# makes a row blank for Python (a tab, U+001C, a no-break space, U+3000) but that Arrow knows
# nothing of.
cell = st.text(st.sampled_from(['a', '1', ' ', '"', ',', '\t', '\n', '\r', '\x1c', '\xa0', '\u3000', 'é']),
               max_size=4)


@st.composite
def tables(draw) -> list[list[str]]:
    """A header and rows, mostly as wide as the header (Arrow reads those), some not."""
    width = draw(st.integers(1, 4))
    rows = draw(st.lists(st.one_of(st.lists(cell, min_size=width, max_size=width),
                                   st.lists(cell, max_size=5)).filter(bool) if draw(st.booleans()) else
                         st.lists(cell, min_size=width, max_size=width), max_size=5))
    return [draw(st.lists(cell, min_size=width, max_size=width)), *rows]


def read_both(tmp_path, text: str):
    path = tmp_path / "table.csv"
    path.write_bytes(text.encode("utf-8"))
    file = SourceFile(path, "ssda903")
    results = []
    for read in (lambda notes: read_columns(file, notes), lambda notes: _as_columns(read_csv(file, notes))):
        notes = Findings()
        try:
            data = read(notes)
        except LoadError as error:
            results.append(str(error))
            continue
        results.append((data.header, [c.to_pylist() for c in data.columns], data.rows.to_pylist(),
                        [(n.row, n.rule, n.value) for n in notes]))
    return results


@pytest.mark.parametrize("text, header, columns, rows", [
    # A regular file: Arrow reads it. The blank row (commas alone, or cells of spaces) is left out;
    # the rows after it keep their Excel numbers.
    ("CHILD,DECOM\r\n1,01/04/2024\r\n,\r\n \t, \xa0\r\n\"2\",\"a,\"\"b\"\"\"\r\n",
     ["CHILD", "DECOM"], [["1", "2"], ["01/04/2024", 'a,"b"']], [2, 5]),
    # Irregular (a short row, a long one, a blank line): Python's csv module reads it.
    ("CHILD,DECOM\n1\n\n2,x,y\n", ["CHILD", "DECOM"], [["1", "2"], ["", "x"]], [2, 4]),
    # A cell over a line break is one row.
    ('CHILD,DECOM\n1,"a\nb"\n2,c\n', ["CHILD", "DECOM"], [["1", "2"], ["a\nb", "c"]], [2, 3]),
])
def test_rows_as_columns(tmp_path, text, header, columns, rows):
    ours, rowwise = read_both(tmp_path, text)
    assert ours == rowwise
    assert ours[:3] == (header, columns, rows)


@settings(max_examples=200, deadline=None)
@given(table=tables(), ending=st.sampled_from(["\n", "\r\n", "\r"]), careless=st.booleans())
def test_either_reader_reads_as_read_csv(tmp_path_factory, table, ending, careless):
    # Cells quoted as a CSV writer quotes them; or, written carelessly, every other one as it
    # comes, however odd.
    text = ending.join(",".join(c if careless and n % 2 or not {'"', ",", "\n", "\r"} & set(c)
                                else '"' + c.replace('"', '""') + '"' for n, c in enumerate(r))
                       for r in table)
    ours, rowwise = read_both(tmp_path_factory.mktemp("csv"), text)
    assert ours == rowwise


def test_a_cell_too_long_for_python_is_refused_as_read_csv_refuses_it(tmp_path):
    ours, rowwise = read_both(tmp_path, "CHILD,DECOM\n1," + "x" * 131_073 + "\n")
    assert ours == rowwise and "field larger than field limit" in ours
