"""ssda903/integrity.yaml: Data to Insight's checks that the tables agree with the header."""

from tests.quality.rules.harness import Case, rule_tests

TABLES = {"INT01": "ad1", "INT02": "placed_for_adoption", "INT03": "episodes", "INT04": "missing",
          "INT05": "oc2", "INT06": "oc3", "INT07": "previous_permanence", "INT08": "reviews",
          "INT09": "uasc"}
DOBS = {"INT11": "ad1", "INT12": "placed_for_adoption", "INT13": "missing", "INT14": "oc2",
        "INT15": "oc3", "INT16": "previous_permanence", "INT17": "reviews", "INT18": "uasc"}
ONCE = {"INT31": "ad1", "INT32": "header", "INT33": "oc2", "INT34": "oc3",
        "INT35": "previous_permanence", "INT36": "uasc"}
HEADER = {"header": [{"DOB": "01/06/2010"}]}

CASES = [
    *(Case(code, fires={table: [{"CHILD": "C2"}]}, passes={table: [{"CHILD": "C1"}]}, base=HEADER)
      for code, table in TABLES.items()),
    # The same date written another way is the same date.
    *(Case(code, fires={table: [{"DOB": "02/06/2010"}]}, passes={table: [{"DOB": "2010-06-01"}]},
           base=HEADER) for code, table in DOBS.items()),
    # Header sex F; the uasc table may write it as 2.
    Case("INT21", fires={"uasc": [{"SEX": "M"}]}, passes={"uasc": [{"SEX": "2"}]},
         base={"header": [{"SEX": "F"}]}),
    *(Case(code, fires={table: [{}, {}]}, passes={table: [{}, {"CHILD": "C2"}]})
      for code, table in ONCE.items()),
    # A blank date of birth in the header, or one that is not a date, is its own breach (102),
    # not a difference (as Data to Insight's validator reads it).
    Case("INT15", fires={"header": [{"DOB": "01/06/2010"}], "oc3": [{"DOB": "02/06/2010"}]},
         passes={"header": [{"DOB": ""}], "oc3": [{"DOB": "02/06/2010"}]}),
    Case("INT17", fires={"header": [{"DOB": "01/06/2010"}], "reviews": [{"DOB": "02/06/2010"}]},
         passes={"header": [{"DOB": "20100601"}], "reviews": [{"DOB": "01/06/2010"}]}),
    # The table's copy has no rule of its own: written 20100601, or left blank, it is not the
    # header's 1 June 2010 (Data to Insight's 184 read 20200406 as a decision before birth).
    Case("INT12", fires={"header": [{"DOB": "01/06/2010"}], "placed_for_adoption": [{"DOB": "20100601"}]},
         passes={"header": [{"DOB": "01/06/2010"}], "placed_for_adoption": [{"DOB": "01/06/2010"}]}),
    Case("INT14", fires={"header": [{"DOB": "01/06/2010"}], "oc2": [{"DOB": ""}]},
         passes={"header": [{"DOB": ""}], "oc2": [{"DOB": ""}]}),
    Case("EPI", fires={"header": [{}], "episodes": [{"CHILD": "C2"}]},
         passes={"header": [{}], "episodes": [{}]}),
    # A care leaver is in the header for the OC3 table, with no episodes this year.
    Case("EPI", fires={"header": [{}], "episodes": [], "oc3": [{"CHILD": "C2"}]},
         passes={"header": [{}], "episodes": [], "oc3": [{}]}),
]

test_fires, test_does_not_fire = rule_tests(CASES)
