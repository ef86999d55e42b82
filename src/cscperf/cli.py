"""The `cscperf` command. It parses options and calls core functions; it computes nothing itself."""

from __future__ import annotations

import csv
import gc
import json
import sqlite3
import sys
from contextlib import closing, nullcontext
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path

import duckdb
import typer
from rich.console import Console

from cscperf import settings, sources, store, terminal
from cscperf.appdb.users import Role
from cscperf.quality.findings import LoadError, Severity
from cscperf.reference.cli import app as reference_app

# Help is plain text: rich markup would swallow "[default: ...]" and "[c]" in the help strings.
app = typer.Typer(help=__doc__, no_args_is_help=True, add_completion=False, rich_markup_mode=None)
console = Console()
errors = Console(stderr=True)


class TableFormat(str, Enum):
    table = "table"
    csv = "csv"


DbOption = typer.Option(None, "--db", help="DuckDB store file [default: $CSCPERF_DB or cscperf.duckdb]")


def _db(path: Path | None) -> Path:
    return path or Path(settings.get("db"))


def _fail(message: str) -> None:
    errors.print(f"[red]error:[/red] {message}", highlight=False)
    raise typer.Exit(1)


def _store(db: Path | None):
    """The store, or a plain error saying why it cannot be opened (a missing folder, another
    process writing to it)."""
    path = _db(db)
    try:
        return store.connect(path)
    except (duckdb.Error, OSError) as error:
        _fail(f"cannot open the store {path}: {str(error).splitlines()[0]}")


def _appdb(db: Path | None):
    """The application database beside the store, or a plain error."""
    from cscperf import appdb

    path = appdb.path_for(_db(db))
    try:
        return closing(appdb.connect(_db(db)))
    except sqlite3.Error as error:
        _fail(f"cannot open the accounts database {path}: {error}")


# Columns of free text: printed on their own lines under each row of a table.
LONG_COLUMNS = ("reason", "message", "definition", "title")


def _print_rows(header: list[str], rows: list[tuple], fmt: TableFormat, title: str | None = None) -> None:
    if fmt is TableFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return
    for line in terminal.lines(header, rows, LONG_COLUMNS, title):
        typer.echo(line)


@app.command()
def load(
    paths: list[Path] = typer.Argument(..., help="Files or folders to load"),
    db: Path = DbOption,
    la: str = typer.Option(None, "--la", help="Local authority, DfE 3-digit code (e.g. 883)"),
    year: int = typer.Option(None, "--year", help="Collection year, when file names do not say (2025 for 2024-25)"),
) -> None:
    """Load an authority's files (SSDA903, CIN census, Annex A, SSD) into the store.

    Each file's format is found from its content. The load completes or changes nothing. Then the
    dashboard's scorecards for the latest quarter are worked out and kept in the store, so the
    dashboard shows them at once.
    """
    try:
        with console.status("Reading files..."):
            batches = sources.read_paths(paths, la=la, year=year)
        con = _store(db)
        with console.status("Loading into the store..."):
            summary = store.load(con, batches)
    except LoadError as error:
        _fail(f"{error}\nNothing was loaded.")
    by_severity = summary.findings.by_severity()
    console.print(f"Read {summary.rows_read:,} rows from {sum(len(b.files) for b in batches)} file(s); "
                  f"loaded {summary.total_loaded:,} rows into {len(summary.rows_loaded)} table(s).")
    _print_rows(["table", "rows loaded"], sorted(summary.rows_loaded.items()), TableFormat.table)
    console.print("Findings: " + ", ".join(f"{by_severity[s]:,} {s}" for s in reversed(Severity)) +
                  (" (see `cscperf findings`)" if len(summary.findings) else ""))
    if not summary.total_loaded:
        _fail("nothing was loaded: the files hold no rows")
    _prepare(con, _db(db), {b.la for b in batches})


def _prepare(con, db: Path, las: set[str]) -> None:
    """Work out the dashboard's scorecards for the latest period now (compare/prepared.py), so
    the first look after this load is quick; a failure here leaves them to the first look."""
    from cscperf.compare import prepared

    try:
        with console.status("Working out the dashboard's scorecards..."):
            made = prepared.prepare(con, db, las)
    except Exception as error:  # the load stands; say only the kind of failure (no child's details)
        console.print(f"The dashboard will work out its scorecards when first opened ({type(error).__name__}).")
        return
    if made:
        console.print("The dashboard's scorecards are ready: "
                      + ", ".join(sorted({f"{s.la_name} ({s.period_short})" for s in made})) + ".")


class CheckFormat(str, Enum):
    table = "table"
    csv = "csv"
    xlsx = "xlsx"


@app.command()
def validate(
    paths: list[Path] = typer.Argument(..., help="Files or folders of returns to check"),
    year: int = typer.Option(None, "--year", help="Collection year, when file names do not say (2025 for 2024-25)"),
    previous: list[Path] = typer.Option(None, "--previous", help="Last year's return (files or folders), "
                                        "for the rules comparing with it; also found among PATHS by its year"),
    la: str = typer.Option(None, "--la", help="Local authority, DfE 3-digit code (e.g. 883)"),
    fmt: CheckFormat = typer.Option(CheckFormat.table, "--format", help="table, csv or xlsx"),
    out: Path = typer.Option(None, "--out", help="File to write [default: the screen; validation.xlsx for xlsx]"),
) -> None:
    """Check SSDA903 and CIN census returns with the DfE's validation rules, without loading them.

    One row per breach (rule, severity, message, file, row, columns, child), then a summary of the
    rules run, breached and not run. Exits with 1 when any error-level rule is breached."""
    from cscperf.outputs import validation
    from cscperf.quality.rules.files import check_files

    # A large return's breaches are a few hundred thousand objects kept to the end: Python's
    # collector, left to its defaults, would look through them over a thousand times (0.3 s).
    gc.freeze()
    gc.set_threshold(10_000)
    try:
        checked = check_files(paths, year=year, previous=previous or (), la=la)
    except LoadError as error:
        _fail(str(error))
    summary = validation.summary(checked)
    if fmt is CheckFormat.xlsx:
        out = out or Path("validation.xlsx")
        validation.write_xlsx(checked, out)
        console.print("\n".join([*terminal.paragraphs(summary), f"Wrote {out}"]), highlight=False, soft_wrap=True)
    elif fmt is CheckFormat.csv:
        if out:
            with open(out, "w", newline="", encoding="utf-8") as handle:
                validation.write_csv(checked, handle)
        else:
            validation.write_csv(checked, sys.stdout)
        errors.print("\n".join(terminal.paragraphs(summary)), highlight=False, soft_wrap=True)
    else:
        rows = validation.rows(checked, validation.SCREEN_COLUMNS)
        with (open(out, "w", encoding="utf-8") if out else nullcontext(sys.stdout)) as handle:
            columns = None if handle is sys.stdout else 200
            lines = terminal.lines(validation.SCREEN_COLUMNS, rows, (*LONG_COLUMNS, "values"), columns=columns)
            lines += terminal.paragraphs(summary, columns)
            handle.write("\n".join(lines) + "\n")
    if checked.errors:
        raise typer.Exit(1)


@app.command()
def tables(db: Path = DbOption, fmt: TableFormat = typer.Option(TableFormat.table, "--format")) -> None:
    """What is in the store: authorities, collection years and row counts per table."""
    from cscperf.store.inventory import inventory

    con = _store(db)
    _print_rows(["la", "table", "collection years", "rows"], inventory(con), fmt)


@app.command()
def findings(
    db: Path = DbOption,
    la: str = typer.Option(None, "--la", help="Only this authority"),
    severity: str = typer.Option("info", "--severity", help="Lowest severity to list: info, warning, error"),
    fmt: TableFormat = typer.Option(TableFormat.table, "--format"),
) -> None:
    """Data-quality findings recorded by loads: file, row, column, value, rule and severity."""
    from cscperf.store.inventory import findings as list_findings

    try:
        lowest = Severity[severity.upper()]
    except KeyError:
        _fail(f"--severity must be one of: {', '.join(str(s) for s in Severity)}")
    con = _store(db)
    header, rows = list_findings(con, la=la, lowest=lowest)
    _print_rows(header, rows, fmt)


def _date(text: str | None, option: str):
    from datetime import date

    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        _fail(f"{option} must be a date like 2025-03-31, not {text!r}")


@app.command()
def synth(
    out: Path = typer.Argument(..., help="Folder to write the files into"),
    like: str = typer.Option("883", "--like", help="Authority to resemble: DfE 3-digit code (sizes and rates)"),
    seed: int = typer.Option(1, "--seed", help="Random seed; the same seed and options give the same bytes"),
    end: str = typer.Option(None, "--end", help="The period ends on the last 31 March on or before this date "
                            "(YYYY-MM-DD) [default: today]"),
    years: int = typer.Option(5, "--years", help="Financial years in the period"),
    reference: Path = typer.Option(None, "--reference", help="Published statistics folder (ees/, ons/) to aim "
                                   "at the authority's own figures; national figures without it"),
    defects: float = typer.Option(0.0, "--defects", help="Chance each 903 row gets a realistic fault (listed "
                                  "in defects.csv)"),
    formats: str = typer.Option("903,cin,annex-a,ssd", "--formats", help="Formats to write, comma-separated"),
    annex_a_date: str = typer.Option(None, "--annex-a-date", help="Inspection date of the Annex A workbook "
                                     "[default: the period's end]"),
    national: bool = typer.Option(False, "--national", help="All 153 authorities, one folder each"),
    workers: int = typer.Option(None, "--workers", help="Processes for --national [default: one per core]"),
) -> None:
    """Generate synthetic authorities: one simulated history per child, in every format."""
    import time

    from cscperf import synth as synthetic

    started = time.perf_counter()
    options = dict(seed=seed, end=_date(end, "--end"), years=years, reference=reference, defects=defects,
                   formats=[f.strip() for f in formats.split(",") if f.strip()])
    try:
        if national:
            done = []

            def report(manifest) -> None:
                done.append(manifest)
                console.print(f"{len(done):3d}/153 {manifest.la} {manifest.name}: {manifest.rows:,} rows "
                              f"({time.perf_counter() - started:,.0f}s)", highlight=False)

            manifests = synthetic.generate_national(out, workers=workers, progress=report, **options)
            rows = sum(m.rows for m in manifests)
            console.print(f"Wrote {rows:,} rows for {len(manifests)} authorities to {out} "
                          f"in {time.perf_counter() - started:,.1f} seconds.")
            return
        with console.status(f"Simulating an authority like {like}..."):
            manifest = synthetic.generate(out, like=like, annex_a_on=_date(annex_a_date, "--annex-a-date"), **options)
    except ValueError as error:
        _fail(str(error))
    console.print(f"Wrote {manifest.rows:,} rows in {len(manifest.files)} files to {out} for {manifest.name} "
                  f"({manifest.first} to {manifest.end}) in {time.perf_counter() - started:,.1f} seconds."
                  + (f" Injected {manifest.defects:,} faults (defects.csv)." if manifest.defects else ""))
    _print_rows(["measure", "target", "achieved"],
                [(label, target, "" if achieved is None else achieved)
                 for label, target, achieved in manifest.comparison()],
                TableFormat.table, title=f"Last year ({manifest.end[:4]}) against targets")


@app.command()
def demo(
    folder: Path = typer.Argument(Path("demo"), help="Folder for the demo (an earlier demo there is replaced)"),
    reference: Path = typer.Option(None, "--reference", help="Published statistics folder (as `cscperf "
                                   "reference download` writes it), for benchmarks in the report "
                                   "[default: the download cache when it holds files, else the snapshot "
                                   "shipped with cscperf]"),
    seed: int = typer.Option(1, "--seed", help="Random seed of the synthetic authority"),
    end: str = typer.Option(None, "--end", help="Its history ends on the last 31 March on or before this date "
                            "(YYYY-MM-DD) [default: today]"),
) -> None:
    """The main job on built-in demo data: a synthetic authority's files, loaded into a new store,
    and its committee report for the last quarter in every format."""
    import time

    from cscperf import demo as demonstration
    from cscperf.indicators import engine
    from cscperf.indicators.registry import default
    from cscperf.reference.snapshot import SNAPSHOT

    started = time.perf_counter()
    with console.status("Starting...") as status:
        try:
            made = demonstration.run(folder, seed=seed, end=_date(end, "--end"), reference=reference,
                                     step=lambda text: status.update(text + "..."))
        except (LoadError, demonstration.DemoError) as error:
            _fail(str(error))
    console.print(f"{made.name} (synthetic, DfE code {made.la}): loaded {made.rows_loaded:,} rows into "
                  f"{made.store}, with {made.findings:,} data-quality findings (`cscperf findings --db "
                  f"{made.store}`).", highlight=False)
    year = made.period.split(":")[0]
    with closing(store.connect(made.store, read_only=True)) as con:
        results = engine.compute(con, list(demonstration.HEADLINES), year, la=made.la)
    titles = {i.id: i.title for i in default()}
    _print_rows(["indicator", "value", "numerator", "denominator"],
                [(titles[r.id], r.reason if r.value is None else r.value, r.numerator, r.denominator)
                 for r in results], TableFormat.table, title=f"Headline figures for the year {year}")
    console.print("Published benchmarks from the snapshot shipped with cscperf (its SOURCES.md names each "
                  "release); `cscperf reference download` fetches the latest, which the demo then uses."
                  if made.reference == SNAPSHOT else f"Published benchmarks from {made.reference}.",
                  highlight=False)
    console.print("The committee report (members' version, small numbers suppressed):", highlight=False)
    for file in made.report:
        console.print(f"  {file}", highlight=False, soft_wrap=True)
    console.print(f"Done in {time.perf_counter() - started:,.0f} seconds. To explore it in the dashboard:\n"
                  f"  .venv/bin/cscperf users add analyst --role analyst --db {made.store}\n"
                  f"  .venv/bin/cscperf serve --db {made.store}", highlight=False)


class ResultFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def _json_value(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _print_records(records: list[dict], fmt: ResultFormat, table_columns: list[str] | None = None) -> None:
    """Records as a table (optionally fewer columns), CSV or a JSON array."""
    if fmt is ResultFormat.json:
        print(json.dumps(records, default=_json_value, indent=1))
        return
    header = list(dict.fromkeys(k for r in records for k in r)) or table_columns or []
    if fmt is ResultFormat.table and table_columns:
        header = table_columns
    rows = [tuple(r.get(k) for k in header) for r in records]
    _print_rows(header, rows, TableFormat(fmt.value))


indicators_app = typer.Typer(help="Indicators: compute them, list them, check their definitions.",
                             invoke_without_command=True, no_args_is_help=False, rich_markup_mode=None)
app.add_typer(indicators_app, name="indicators")
RESULT_COLUMNS = ["id", "period", "la", "group", "numerator", "denominator", "value", "unit", "reason"]


@indicators_app.callback()
def indicators(
    ctx: typer.Context,
    db: Path = DbOption,
    period: str = typer.Option(None, "--period", help="2024-25, 2024-25:Q1, 2025-03 or 12m:2025-03"),
    la: str = typer.Option(None, "--la", help="Local authority, DfE 3-digit code [default: every one in the store]"),
    ids: list[str] = typer.Option(None, "--id", help="Indicator id (repeat for several) [default: all]"),
    by: str = typer.Option(None, "--by", help="Breakdown, e.g. age_band, referral_source"),
    fmt: ResultFormat = typer.Option(ResultFormat.table, "--format"),
) -> None:
    """Compute indicators for a period: `cscperf indicators --db PATH --period 2024-25:Q4`."""
    if ctx.invoked_subcommand:
        return
    from cscperf.indicators import engine

    if not period:
        _fail("give --period (e.g. 2024-25:Q4), or use `cscperf indicators list`")
    con = _store(db)
    try:
        results = engine.compute(con, ids, period, la=la, breakdown=by)
    except (ValueError, KeyError) as error:
        _fail(str(error).strip('"'))
    # JSON gives a reason only with a missing value, a history only when incomplete; CSV has the
    # columns throughout, and a table's reason column says why a figure's history is incomplete
    records = [r.as_dict() if fmt is ResultFormat.json else {
        **r.as_dict(), "reason": r.reason or (r.history if fmt is ResultFormat.table else None), "history": r.history}
        for r in results]
    _print_records(records, fmt, RESULT_COLUMNS)


@indicators_app.command("list")
def indicators_list(fmt: ResultFormat = typer.Option(ResultFormat.table, "--format")) -> None:
    """The registry: every indicator with its definition."""
    from cscperf.indicators import registry

    records = [{"section": i.section.title, "id": i.id, "title": i.title, "unit": i.unit.value,
                "polarity": i.polarity.value, "grain": i.grain.value, "definition": i.definition,
                "numerator": i.numerator, "denominator": i.denominator,
                "breakdowns": " ".join(b.value for b in i.breakdowns), "benchmark": i.benchmark,
                "dfe_measure": i.dfe_measure, "differs": i.differs}
               for i in registry.default()]
    _print_records(records, fmt, ["id", "section", "title", "unit", "polarity", "definition"])


@indicators_app.command("check")
def indicators_check() -> None:
    """Check every definition: shape, ids, and each SQL file run against an empty store."""
    from cscperf.indicators import registry

    issues = registry.check(registry.load())
    for issue in issues:
        console.print(str(issue), highlight=False)
    errors_found = sum(i.severity >= Severity.ERROR for i in issues)
    console.print(f"{len(registry.load())} indicators; {errors_found} error(s), {len(issues) - errors_found} warning(s)")
    if errors_found:
        raise typer.Exit(1)


@app.command()
def children(
    id: str = typer.Argument(..., help="Indicator id"),
    period: str = typer.Option(..., "--period", help="2024-25, 2024-25:Q1, 2025-03 or 12m:2025-03"),
    db: Path = DbOption,
    la: str = typer.Option(None, "--la", help="Local authority [default: the only one in the store]"),
    by: str = typer.Option(None, "--by", help="Breakdown the group belongs to"),
    group: str = typer.Option(None, "--group", help="Only this group of the breakdown"),
    fmt: ResultFormat = typer.Option(ResultFormat.table, "--format"),
) -> None:
    """The children and events behind a figure: each in the numerator or denominator."""
    from cscperf.indicators import engine

    con = _store(db)
    if la is None:
        authorities = engine.authorities(con)
        if len(authorities) != 1:
            _fail(f"the store holds {len(authorities)} authorities; choose one with --la")
        la = authorities[0]
    try:
        rows = engine.children(con, id, period, la, breakdown=by, group=group)
    except (ValueError, KeyError) as error:
        _fail(str(error).strip('"'))
    _print_records(rows, fmt)


@app.command()
def serve(
    db: Path = DbOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0 for every network)"),
    port: int = typer.Option(8000, "--port", help="Port to listen on"),
) -> None:
    """Run the web application: sign in at http://HOST:PORT/ (create accounts with `cscperf users add`).

    Put it behind an HTTPS reverse proxy when anyone will reach it from another machine."""
    from cscperf.outputs.web.server import serve as run

    try:
        run(_db(db), host, port)
    except (FileNotFoundError, ValueError) as error:  # no assets; a setting that is not valid
        _fail(str(error))


@app.command()
def report(
    db: Path = DbOption,
    period: str = typer.Option(..., "--period", help="2024-25:Q4 (quarter), 2024-25 (year), 2025-03 (month), 12m:2025-03"),
    la: str = typer.Option(None, "--la", help="Local authority, DfE 3-digit code [default: the only one in the store]"),
    targets: Path = typer.Option(None, "--targets", help="Targets and priorities (YAML) [default: the store's, "
                                 "cscperf.targets.yml beside cscperf.duckdb, when there is one]"),
    commentary: Path = typer.Option(None, "--commentary", help="Officers' commentary (YAML) [default: the "
                                    "store's, cscperf.commentary.yml beside it, when there is one]"),
    out: Path = typer.Option(Path("."), "--out", help="Folder to write the report in"),
    formats: str = typer.Option("html,pdf,docx,xlsx", "--format", help="Comma-separated: html, pdf, docx, xlsx"),
    internal: bool = typer.Option(False, "--internal",
                                  help="Do not suppress small numbers (marked INTERNAL on every page and sheet)"),
    detail: str = typer.Option("pack", "--detail", help="pack: performance on a page, then the exceptions "
                               "(the member pack); full: every indicator in detail, for analysts"),
) -> None:
    """Write the committee performance report for a period. Member-facing by default: counts from 1
    to 4 and figures they could be worked out from are shown as [c]."""
    from cscperf.compare.yamlfile import FileError
    from cscperf.outputs.report import ReportError, make

    path = _db(db)
    if not path.exists():
        _fail(f"no store at {path}; load data first with `cscperf load`")
    try:
        written = make(path, period, out, [f.strip() for f in formats.split(",") if f.strip()], la=la,
                       targets=targets, commentary=commentary, internal=internal, detail=detail)
    except (ReportError, FileError) as error:
        _fail(str(error))
    for file in written:
        console.print(str(file), highlight=False, soft_wrap=True)


users_app = typer.Typer(help="Accounts for the web application.", no_args_is_help=True,
                        rich_markup_mode=None)
app.add_typer(users_app, name="users")


@users_app.command("add")
def users_add(
    name: str = typer.Argument(..., help="User name (their work email address, for identity-provider sign-in)"),
    role: Role = typer.Option(..., "--role", help="admin: accounts and settings; analyst: all data, "
                              "uploads and drill-down; member: aggregated, suppressed figures only"),
    db: Path = DbOption,
    no_password: bool = typer.Option(False, "--no-password",
                                     help="Sign in only through the organisation's identity provider"),
) -> None:
    """Add an account. The password is asked for twice, or read from the first line of standard
    input when that is not a terminal (for scripts)."""
    from cscperf.appdb import audit, users

    password = None
    if not no_password:
        if sys.stdin.isatty():
            password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        else:
            password = sys.stdin.readline().rstrip("\r\n")
    with _appdb(db) as con:
        try:
            users.add(con, name, role, password)
        except users.AccountError as error:
            _fail(str(error))
        audit.record_event(con, None, "user-added", f"{name} as {role.value}, from the command line")
    console.print(f"Added {name} ({role.value}).")


@users_app.command("list")
def users_list(db: Path = DbOption, fmt: TableFormat = typer.Option(TableFormat.table, "--format")) -> None:
    """List the accounts: name, role, how they sign in and when they last did."""
    from cscperf.appdb import users

    with _appdb(db) as con:
        rows = [(u.name, u.role.value, "password" if u.has_password else "identity provider",
                 u.created_at, u.last_sign_in_at or "") for u in users.all_users(con)]
    _print_rows(["name", "role", "signs in with", "created", "last signed in"], rows, fmt)


@users_app.command("remove")
def users_remove(name: str = typer.Argument(..., help="User name"), db: Path = DbOption) -> None:
    """Remove an account and end its sessions."""
    from cscperf.appdb import audit, users

    with _appdb(db) as con:
        try:
            users.remove(con, name)
        except users.AccountError as error:
            _fail(str(error))
        audit.record_event(con, None, "user-removed", f"{name}, from the command line")
    console.print(f"Removed {name}.")


app.add_typer(reference_app, name="reference")


if __name__ == "__main__":
    app()
