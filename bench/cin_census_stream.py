"""How fast the CIN census reader streams a large file, and how much memory it holds.

    .venv/bin/python bench/cin_census_stream.py [children]

Writes a census of that many children (default 100,000) to a temporary folder, reads it, and
prints the file size, rows read, seconds, peak Python memory (tracemalloc, a second run) and the
growth of the process's peak resident memory. Figures are printed, never asserted.
"""

import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from cscperf import sources

CHILD = ("<Child><ChildIdentifiers><LAchildID>C{n}</LAchildID><PersonBirthDate>2015-06-01"
         "</PersonBirthDate><Sex>F</Sex></ChildIdentifiers><ChildCharacteristics><Ethnicity>WBRI"
         "</Ethnicity></ChildCharacteristics><CINdetails><CINreferralDate>2024-05-01"
         "</CINreferralDate><ReferralSource>6</ReferralSource><Assessments>"
         "<AssessmentActualStartDate>2024-05-02</AssessmentActualStartDate>"
         "<AssessmentAuthorisationDate>2024-06-01</AssessmentAuthorisationDate></Assessments>"
         "<ReferralNFA>0</ReferralNFA></CINdetails></Child>\n")


def main(children: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "census.xml"
        with open(path, "w") as out:
            out.write("<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2025"
                      "</Year></CollectionDetails><Source><LEA>883</LEA></Source></Header><Children>\n")
            for n in range(children):
                out.write(CHILD.format(n=n))
            out.write("</Children></Message>\n")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        [batch] = sources.read_paths([path])
        seconds = time.perf_counter() - start
        rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss
        del batch
        tracemalloc.start()
        [batch] = sources.read_paths([path])
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"children           {children:,}")
        print(f"file size          {path.stat().st_size / 1e6:,.1f} MB")
        print(f"rows read          {batch.rows_read:,}")
        print(f"seconds            {seconds:,.2f} ({children / seconds:,.0f} children a second)")
        print(f"peak Python memory {peak / 1e6:,.1f} MB (the rows read, held for loading)")
        print(f"peak RSS growth    {rss_growth / 1e3:,.1f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
