"""Commentary: read by period and indicator; errors name the file and line."""

import pytest

from cscperf.compare import commentary
from cscperf.compare.yamlfile import FileError


def test_load_and_check(tmp_path):
    path = tmp_path / "commentary.yml"
    path.write_text('''\
"2024-25:Q4":
  cla_3plus_placements_pct:
    cause: A provider closed.
    action: Two local homes are being commissioned.
  no_such:
    cause: x
    action: y
"2024-25:Q9":
  cla:
    cause: x
    action: y
''')
    loaded = commentary.load(path)
    entry = loaded.get("2024-25:Q4", "cla_3plus_placements_pct")
    assert entry.cause == "A provider closed." and entry.owner is None
    assert loaded.get("2024-25:Q3", "cla_3plus_placements_pct") is None

    def parse(period):
        if period.endswith("Q9"):
            raise ValueError(f"{period!r} is not a period")
    with pytest.raises(FileError) as error:
        loaded.check({"cla", "cla_3plus_placements_pct"}, parse)
    assert str(error.value).splitlines() == ["commentary.yml line 5: no_such: no such indicator",
                                             "commentary.yml line 8: '2024-25:Q9' is not a period"]


def test_missing_fields_name_their_line(tmp_path):
    path = tmp_path / "commentary.yml"
    path.write_text('"2024-25:Q4":\n  cla:\n    cause: x\n')
    with pytest.raises(FileError, match=r"commentary.yml line 2: 2024-25:Q4.cla.action: Field required"):
        commentary.load(path)
