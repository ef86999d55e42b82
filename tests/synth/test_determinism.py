"""The same seed and options give byte-identical output; another seed gives other children."""

from datetime import date

from cscperf.synth import generate

OPTIONS = dict(like="201", end=date(2025, 3, 31), years=2)


def files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes(tmp_path):
    generate(tmp_path / "a", seed=3, defects=0.05, **OPTIONS)
    generate(tmp_path / "b", seed=3, defects=0.05, **OPTIONS)
    a, b = files(tmp_path / "a"), files(tmp_path / "b")
    assert len(a) == 11 * 2 + 2 + 1 + 33 + 2  # 903 and CIN for 2024 and 2025, Annex A, SSD, manifest, defects
    assert a == b
    generate(tmp_path / "c", seed=4, defects=0.05, **OPTIONS)
    c = files(tmp_path / "c")
    assert c.keys() == a.keys()
    assert c["ssd/ssd_person.csv"] != a["ssd/ssd_person.csv"]
