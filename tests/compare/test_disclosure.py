"""The disclosure-control engine on hand-made releases: each recovery issue 12 found in the demo
(under-1s by subtraction, a hidden month, two hidden groups, a complement, an average's total)
and the rules of docs/disclosure.md, worked by hand in the comments."""

from cscperf.compare.disclosure import Release, hidden

BELOW = 6  # counts from 1 to 5 are withheld (the DfE's children's social care releases)


def release(counts: dict, sums=(), unshown=(), figures=None, cost=None) -> Release:
    r = Release()
    for key, value in counts.items():
        r.count(key, value, shown=key not in unshown, cost=(cost or {}).get(key, 0))
    for total, parts in sums:
        r.sum(total, parts)
    for key, used in (figures or {}).items():
        r.figure(key, used)
    return r


def test_primary_counts_from_1_to_the_threshold_zero_shown():
    assert hidden(release({"a": 0, "b": 1, "c": 5, "d": 6}), BELOW) == {"b", "c"}


def test_under_1s_are_not_found_by_subtraction():
    # Issue 12: "9 children under 5 starting" minus "aged 1-4: 5" gave the hidden under-1s (4).
    # Under 5 = under 1 + 1-4; both parts are small, so both are withheld and the 9 stays: two
    # unknowns of at least 1 making 9 leave the under-1s anywhere from 1 to 8.
    r = release({"under 5": 9, "under 1": 4, "1-4": 5}, [("under 5", ("under 1", "1-4"))])
    assert hidden(r, BELOW) == {"under 1", "1-4"}
    # With the 1-4s at 7, the total minus 7 gives the 4 back: the smaller shown count goes (the 7).
    r = release({"under 5": 11, "under 1": 4, "1-4": 7}, [("under 5", ("under 1", "1-4"))])
    assert hidden(r, BELOW) == {"under 1", "1-4"}


def test_a_hidden_month_is_not_found_from_its_quarter():
    # Q4 = Jan + Feb + Mar = 12 + 20 + 3: the quarter minus the two shown months gives March.
    # The next smallest month (January, 12) is withheld too: Jan + Mar = 15, each from 1 to 14.
    r = release({"Q4": 35, "Jan": 12, "Feb": 20, "Mar": 3}, [("Q4", ("Jan", "Feb", "Mar"))])
    assert hidden(r, BELOW) == {"Mar", "Jan"}


def test_a_month_is_not_found_through_the_year():
    # The year is the four quarters and each quarter its months. Q4's months are 3 and 2 (both
    # withheld) and 30; withholding March and February leaves Q4 = 35 - 30 = 5 split between them:
    # not known. But if Q4 were withheld instead, the year minus the three other quarters gives it.
    counts = {"Y": 100, "Q1": 20, "Q2": 25, "Q3": 20, "Q4": 35, "Jan": 30, "Feb": 2, "Mar": 3}
    sums = [("Y", ("Q1", "Q2", "Q3", "Q4")), ("Q4", ("Jan", "Feb", "Mar"))]
    assert hidden(release(counts, sums), BELOW) == {"Feb", "Mar"}
    # Feb 1 and Mar 1: withheld, they would total 2 and so be 1 each: January goes too (then
    # Jan + Feb + Mar = 32, no single value for any), and the quarter stays.
    counts.update(Jan=33, Feb=1, Mar=1)
    assert hidden(release(counts, sums), BELOW) == {"Jan", "Feb", "Mar"}


def test_two_hidden_groups_whose_total_is_known():
    # Issue 12: two hidden groups whose total is known must each be 1. Total 12 = 1 + 1 + 10:
    # withheld, the two ones total 2, so each is 1; the 10 is withheld too (1 + 1 + 10 = 12 has
    # many splits once all three are unknown).
    r = release({"T": 12, "a": 1, "b": 1, "c": 10}, [("T", ("a", "b", "c"))])
    assert hidden(r, BELOW) == {"a", "b", "c"}


def test_a_complement_is_protected():
    # Issue 12: "15 of 16 on time" tells members 1 was late. The late are 16 - 15 = 1, a count never
    # printed but implied; the on-time count goes (and the percentage with it), the 16 stays.
    r = release({"on time": 15, "due": 16, "late": 1}, [("due", ("on time", "late"))], unshown={"late"},
                figures={"percent": ("on time", "due")})
    assert hidden(r, BELOW) == {"on time", "percent"}


def test_an_average_is_shown_only_with_its_children():
    # Issue 12: an average showed its total days while its one child was hidden. The number of
    # children is a count; the average goes with it. (Its total is never shown: see release.py.)
    r = release({"children": 1}, figures={"average days": ("children",)})
    assert hidden(r, BELOW) == {"children", "average days"}
    assert hidden(release({"children": 6}, figures={"average days": ("children",)}), BELOW) == frozenset()


def test_a_rate_gives_back_its_count():
    # 0.7 per 10,000 of 44,000 children: 0.7 x 4.4 = 3 children. The rate goes with its count.
    r = release({"children": 3}, figures={"rate": ("children",)})
    assert hidden(r, BELOW) == {"children", "rate"}


def test_cost_keeps_the_headline():
    # Total 40 = 3 + 10 + 27; the headline total costs most, so the group of 10 goes, not the total.
    r = release({"T": 40, "a": 3, "b": 10, "c": 27}, [("T", ("a", "b", "c"))], cost={"T": 9})
    assert hidden(r, BELOW) == {"a", "b"}


def test_a_count_shown_by_more_figures_costs_more():
    # Total 40 = 3 + 10 + 27, each count shown by one figure (cost 1), the 27 by two (cost 2).
    # With the 3 withheld, the total or the 10 must go too: the cheaper, the 10 (cost 1, then the
    # smaller). Once the 10 is also the numerator of two more figures, it costs 1 + 1 + 1 = 3 (what
    # members lose is added up over every figure showing it) and the total goes instead: then the
    # 3 and the 40 are both unknown and the 10 tells nothing about either.
    cost = {"T": 1, "a": 1, "b": 1, "c": 2}
    r = release({"T": 40, "a": 3, "b": 10, "c": 27}, [("T", ("a", "b", "c"))], cost=cost)
    assert hidden(r, BELOW) == {"a", "b"}
    for _ in range(2):
        r.count("b", 10, cost=1)
    assert hidden(r, BELOW) == {"a", "T"}


def test_a_count_shown_in_two_places_is_one_count():
    # The same children counted by two indicators (the UASC group of children looked after, and
    # UASC looked after) share a key: withheld in one place is withheld in both.
    r = release({"cla": 50, "uasc": 4, "not uasc": 46}, [("cla", ("uasc", "not uasc"))])
    r.count("uasc", 4)
    assert hidden(r, BELOW) == {"uasc", "not uasc"}


def test_zero_and_large_counts_alone_are_shown():
    assert hidden(release({"a": 0, "b": 120}), BELOW) == frozenset()
