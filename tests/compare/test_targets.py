"""Targets: RAG with both polarities and neutral, hand-worked; the file's errors name their line."""

from decimal import Decimal

import pytest

from cscperf.compare import targets
from cscperf.compare.targets import Rag, Target, rag
from cscperf.compare.yamlfile import FileError

H, L, N = "higher_better", "lower_better", "neutral"


def t(target, **band):
    return Target(target=Decimal(str(target)), **{k: Decimal(str(v)) for k, v in band.items()})


@pytest.mark.parametrize("value, polarity, target, expected", [
    # higher is better, target 85, tolerance 5: green from 85, amber 80 to 84.9, red below 80
    (85, H, t(85, tolerance=5), Rag.green),
    (90.2, H, t(85, tolerance=5), Rag.green),
    (84.9, H, t(85, tolerance=5), Rag.amber),
    (80.0, H, t(85, tolerance=5), Rag.amber),
    (79.9, H, t(85, tolerance=5), Rag.red),
    # higher is better with a floor of 55 under a target of 60
    (60, H, t(60, floor=55), Rag.green),
    (55, H, t(60, floor=55), Rag.amber),
    (54.9, H, t(60, floor=55), Rag.red),
    # lower is better, target 10, tolerance 2: green to 10, amber 10.1 to 12, red above 12
    (10, L, t(10, tolerance=2), Rag.green),
    (7.5, L, t(10, tolerance=2), Rag.green),
    (10.1, L, t(10, tolerance=2), Rag.amber),
    (12, L, t(10, tolerance=2), Rag.amber),
    (12.1, L, t(10, tolerance=2), Rag.red),
    # lower is better with a ceiling
    (11.9, L, t(10, ceiling=12), Rag.amber),
    (12.5, L, t(10, ceiling=12), Rag.red),
    # no amber band: green or red
    (84.9, H, t(85), Rag.red),
    (10.1, L, t(10), Rag.red),
    # decimals that floats get wrong: 10.3 - 0.1 is 10.2 exactly
    (Decimal("10.2"), H, t(10.3, tolerance=0.1), Rag.amber),
    # neutral, no target, no value: no RAG
    (50, N, t(50, tolerance=5), None),
    (50, H, None, None),
    (None, H, t(50), None),
])
def test_rag(value, polarity, target, expected):
    assert rag(value, polarity, target) == expected


def test_rag_labels_never_rely_on_colour():
    assert [r.label for r in Rag] == ["✔ Green", "▲ Amber", "✖ Red"]


def write(tmp_path, text):
    path = tmp_path / "targets.yml"
    path.write_text(text)
    return path


def test_load_reads_targets_and_priorities(tmp_path):
    loaded = targets.load(write(tmp_path, """\
assessments_45wd_pct:
  target: 85
  tolerance: 5
  priority:
    text: Complete 85% of assessments within 45 working days by March 2026
    owner: Head of Assessment
    due: 2026-03-31
cla_3plus_placements_pct: {target: 10, ceiling: 12}
"""))
    target = loaded.get("assessments_45wd_pct")
    assert target.target == 85 and target.tolerance == 5
    assert target.priority.owner == "Head of Assessment" and str(target.priority.due) == "2026-03-31"
    assert loaded.source("cla_3plus_placements_pct") == "targets.yml line 8"
    loaded.check({"assessments_45wd_pct": H, "cla_3plus_placements_pct": L})


def test_shape_errors_name_the_file_and_line(tmp_path):
    with pytest.raises(FileError) as error:
        targets.load(write(tmp_path, """\
cla_rate_per_10k:
  target: 70
cla_3plus_placements_pct:
  target: 10
  tolerance: two
care_leavers_19_21_eet_pct:
  target: 60
  floor: 55
  tolerance: 3
"""))
    message = str(error.value)
    assert "targets.yml line 5: cla_3plus_placements_pct.tolerance:" in message
    assert "targets.yml line 6: care_leavers_19_21_eet_pct: Value error, give one of tolerance, floor or ceiling" in message


def test_meaning_errors_name_the_line(tmp_path):
    loaded = targets.load(write(tmp_path, """\
cin: {target: 300}
not_an_indicator: {target: 1}
cla_3plus_placements_pct: {target: 10, floor: 8}
"""))
    with pytest.raises(FileError) as error:
        loaded.check({"cin": N, "cla_3plus_placements_pct": L})
    assert str(error.value).splitlines() == [
        "targets.yml line 1: cin: neither higher nor lower is better, so it takes no target",
        "targets.yml line 2: not_an_indicator: no such indicator (see `cscperf indicators list`)",
        "targets.yml line 3: cla_3plus_placements_pct: lower is better, so give a ceiling (or tolerance), not a floor",
    ]


def test_bad_yaml_names_the_line(tmp_path):
    with pytest.raises(FileError, match="targets.yml line 3: is not valid YAML: .* on line 2"):
        targets.load(write(tmp_path, "cla:\n  target: [1\n"))
    with pytest.raises(FileError, match="targets.yml line 2: is not valid YAML"):
        targets.load(write(tmp_path, "cla:\n\ttarget: 1\n"))
