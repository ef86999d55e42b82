"""ssda903/postcodes.yaml: postcodes, distance and the placement's authority. By default child C1
lives in RM17 6SL and is placed in RM16 2XX, both in Thurrock (883), 1.2 miles apart."""

from cscperf.quality.rules.run import check
from cscperf.store import returns as stored_returns
from tests.quality.rules.harness import Case, rule_tests, submitted

NO_UASC = {"uasc": []}  # the uasc table, given with no children
OPEN_LAST = {"episodes": [{"DECOM": "01/05/2023"}]}  # last year's episode, open at 31 March 2024
CHELMSFORD = "CM1 1AA"  # in Essex (881), 19.2 miles from RM17 6SL
NOT_A_POSTCODE = "RM17 6ZZ"


def episode(code: str, bad: dict, good: dict, **options) -> Case:
    return Case(code, fires={"episodes": [bad]}, passes={"episodes": [good]}, **options)


def first(code: str, bad: dict, good: dict, **options) -> Case:
    """This year's first episode against last year's open one, begun on 1 May 2023."""
    return episode(code, {"DECOM": "01/05/2023", **bad}, {"DECOM": "01/05/2023", **good}, previous=OPEN_LAST,
                   **options)


CASES = [
    episode("392b", {"PL_POST": ""}, {"PL_POST": "", "LS": "V3"}, base=NO_UASC),
    Case("392b", fires={"episodes": [{"HOME_POST": ""}], "uasc": []},
         passes={"episodes": [{"HOME_POST": ""}], "uasc": [{}]}),
    episode("392c", {"PL_POST": NOT_A_POSTCODE}, {"PL_POST": "rm162xx"}),
    episode("164", {"HOME_POST": NOT_A_POSTCODE}, {}, base=NO_UASC),
    episode("392a", {"HOME_POST": ""}, {}, base=NO_UASC),
    Case("406", fires={"episodes": [{}], "uasc": [{}]}, passes={"episodes": [{"HOME_POST": ""}], "uasc": [{}]}),
    # Aberdeen (AB10 1AA) is 404.2 miles from RM17 6SL, Edinburgh (EH1 1AA) 341.4.
    episode("454", {"PL_POST": "AB10 1AA"}, {"PL_POST": "EH1 1AA"}, year=2026),
    # A placement in Scotland is in SCO, not in an English authority.
    episode("169", {"PL_POST": NOT_A_POSTCODE}, {"PL_POST": "EH1 1AA"}),
    episode("179", {"PL_POST": NOT_A_POSTCODE}, {"PL_POST": "EH1 1AA"}),
    episode("420", {"LS": "V3"}, {"LS": "V3", "PL_POST": ""}),
    # Thurrock's own children's home in Chelmsford; its own foster carers may live there.
    episode("1015", {"PLACE": "K2", "PL_POST": CHELMSFORD}, {"PLACE": "U1", "PL_POST": CHELMSFORD}, la="883"),
    first("452", {"PL_POST": CHELMSFORD}, {}),
    first("453", {"PL_POST": CHELMSFORD}, {}),
    first("503G", {"PL_POST": CHELMSFORD}, {}),
    first("503H", {"PL_POST": CHELMSFORD}, {}),
    # Out of Thurrock this year, in it last year; RM16 2QT is another Thurrock postcode.
    first("503J", {"PL_POST": CHELMSFORD}, {"PL_POST": "RM16 2QT"}, la="883"),
]

test_fires, test_does_not_fire = rule_tests(CASES)


def test_a_rule_about_the_authoritys_own_area_is_not_run_without_its_code():
    con = stored_returns.connect()
    stored_returns.save(con, "", 1, submitted("ssda903", 2025, {"episodes": [{"PLACE": "K2", "PL_POST": CHELMSFORD}]}))
    outcome = check(con, "ssda903", 2025, "", codes=["1015"])
    assert outcome.not_run == {"1015": "needs the authority's own code (give it with --la)"}
