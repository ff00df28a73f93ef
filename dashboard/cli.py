"""The `city-sdg` command: serve, import, validate, store, demo, info, export-static."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

from dashboard import config
from loaders.options import LANGUAGE_CODE, ReadOptions
from loaders.report import EXIT_NOTHING_READ, EXIT_USAGE, REJECTED, ImportReport, LoadError

EXIT_STATUSES = """exit statuses:
  0   every row was kept
  1   some rows were rejected (see the report)
  2   nothing could be read, or the command failed
  64  the command line is wrong"""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")



def count(text: str) -> int:
    """A number of things to keep or run: a whole number of 1 or more (`--keep 0` deleted nothing
    and failed with exit 2, as if the store were at fault)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is less than 1")
    return value


def port_number(text: str) -> int:
    """A TCP port: 1 to 65535."""
    value = count(text)
    if value > 65535:
        raise argparse.ArgumentTypeError(f"{value} is not a port (1 to 65535)")
    return value


def add_store(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        help=f"store folder (default: ${config.STORE_ENV}, else {config.user_store_path()})",
    )


def add_read_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, help="files or folders to read")
    parser.add_argument("--kind", choices=["indicators", "projects"], default="indicators",
                        help="indicator data (default) or a project list (needs --mapping)")
    parser.add_argument("--format", choices=["opensdg", "sdsn", "unsdg", "mapped", "boundaries"],
                        help="reader to use instead of detecting it")
    parser.add_argument("--place", help="the place a single-place source describes")
    parser.add_argument("--country", help="country name or code of the place(s)")
    parser.add_argument("--rename", action="append", default=[], metavar="OLD=NEW",
                        help="map a source name to a canonical one (repeatable)")
    parser.add_argument("--rename-file", type=Path,
                        help="YAML or CSV file of OLD: NEW name pairs")
    parser.add_argument("--mapping", type=Path, help="YAML mapping file for generic CSV/Excel")
    parser.add_argument("--indicator-meta", type=Path, metavar="FILE",
                        help="CSV/Excel of indicator_id with direction, best, worst, thresholds, target "
                        "or goal, set on this import's indicators (a source that states none)")
    parser.add_argument("--boundaries", type=Path, help="boundary file to join on place codes")
    parser.add_argument("--boundary-id", help="boundary property holding the place code")
    parser.add_argument("--boundary-name", help="boundary property holding the place name")
    parser.add_argument("--boundary-kind", choices=["city", "district", "region", "country"],
                        help="kind of place a boundary file holds (default district)")
    parser.add_argument("--simplify", type=float, default=0.0005, metavar="DEGREES",
                        help="boundary simplification tolerance (default 0.0005, about 50 m)")
    parser.add_argument("--sheet", help="worksheet to read")
    parser.add_argument("--goal-colour-rule", choices=["two_worst", "mean_colour"],
                        help="SDSN goal colour rule (default: the source's own)")
    parser.add_argument("--language", metavar="CODE",
                        help="language of the source's indicator names, units and descriptions, or "
                        "of a project list's titles and summaries (default: read from their words, "
                        "else en); Open SDG translations of other languages are read too")
    parser.add_argument("--report", type=Path, help="also write the report as CSV here")


def build_parser() -> Parser:
    parser = Parser(prog="city-sdg", description="City SDG Dashboard",
                    epilog=EXIT_STATUSES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    serve = commands.add_parser("serve", help="start the dashboard")
    add_store(serve)
    serve.add_argument("--host", default=config.settings().host)
    serve.add_argument("--port", type=port_number, default=config.settings().port)
    serve.add_argument("--workers", type=count, help="gunicorn worker processes "
                       "(default $WEB_CONCURRENCY, else CPU count + 1)")
    serve.add_argument("--threads", type=count, help="threads per worker (default $CITY_SDG_THREADS, else 4)")
    serve.add_argument("--dev", action="store_true",
                       help="Flask's development server, reloading on code changes (not for production)")

    for name, text in (("import", "import files into a store"),
                       ("validate", "read files and report; writes the report CSV, never a store")):
        command = commands.add_parser(name, help=text, epilog=EXIT_STATUSES,
                                      formatter_class=argparse.RawDescriptionHelpFormatter)
        add_read_options(command)
        if name == "import":
            add_store(command)
            command.add_argument("--note", default="", help="note kept with the new version")
            command.add_argument("--append", action="store_true",
                                 help="keep the rows an earlier import of the same file brought "
                                 "(default: its new rows replace them)")
            command.add_argument("--quiet", action="store_true",
                                 help="no progress, and nothing printed but refused rows and files "
                                 "(on standard error); the exit status and --report say the rest")

    store = commands.add_parser("store", help="list or restore store versions")
    store_commands = store.add_subparsers(dest="store_command", required=True, parser_class=Parser)
    versions = store_commands.add_parser("versions", help="list versions, current marked *")
    add_store(versions)
    restore = store_commands.add_parser("restore", help="make an earlier version current")
    restore.add_argument("version")
    add_store(restore)
    prune = store_commands.add_parser("prune", help="delete all but the newest versions")
    prune.add_argument("--keep", type=count, required=True, metavar="N",
                       help="versions to keep (the current one is always kept)")
    add_store(prune)

    draft = commands.add_parser("mapping", help="write a starter mapping for your own CSV or Excel file")
    draft_commands = draft.add_subparsers(dest="mapping_command", required=True, parser_class=Parser)
    starter = draft_commands.add_parser("draft", help="inspect FILE and write FILE.mapping.yml beside it")
    starter.add_argument("file", type=Path)
    starter.add_argument("--out", type=Path, help="where to write the mapping (default: beside the file)")
    starter.add_argument("--sheet", help="worksheet to read (default: the first)")

    demo = commands.add_parser("demo", help="generate the demonstration store")
    demo.add_argument("--out", type=Path, help="folder to write (default: the shipped demo)")

    info = commands.add_parser("info", help="what a store holds")
    add_store(info)
    info.add_argument("--version", dest="data_version", help="a version other than the current")

    static = commands.add_parser("export-static", help="write the whole dashboard as a static site")
    static.add_argument("dir", type=Path, help="folder to write (unchanged files are left as they are)")
    add_store(static)
    static.add_argument("--base-url", default="", help="the address it will be published at (for oEmbed, "
                        "sitemap.xml and embed codes), e.g. https://city.github.io/sdg")
    static.add_argument("--lang", action="append", help="a language to export (repeat; default: every one)")
    static.add_argument("--no-pictures", action="store_true", help="skip the PNG/SVG pictures (no Chromium)")
    static.add_argument("--jobs", type=count, help="processes building languages at once (default: CPUs)")
    static.add_argument("--place", action="append", default=[], help="a quick look: pages for this place "
                        "only (repeat); default every place")
    static.add_argument("--latest-years", type=count, help="a quick look: map states of the latest N years")
    static.add_argument("--quiet", action="store_true", help="no progress and no summary: errors only")
    return parser


def read_options(args: argparse.Namespace) -> ReadOptions:
    from loaders.renames import parse_renames

    if args.kind == "projects" and not args.mapping:
        raise LoadError("--kind projects needs a --mapping file (see docs/projects.md).")
    if args.language is not None and not LANGUAGE_CODE.match(args.language):
        raise LoadError(f"--language '{args.language}' is not a language code such as en, es or fr.")
    if not args.simplify >= 0:  # a negative tolerance (or nan) simplified nothing, said nothing
        raise LoadError(f"--simplify {args.simplify} must be 0 (no simplification) or more degrees.")
    if args.boundaries is not None and not args.boundaries.exists():  # it was ignored with a mapped file
        raise LoadError(f"--boundaries {args.boundaries} does not exist.")
    return ReadOptions(
        kind=args.kind, format=args.format, place=args.place, country=args.country,
        rename=parse_renames(args.rename, args.rename_file), mapping=args.mapping,
        boundaries=args.boundaries, boundary_id=args.boundary_id,
        boundary_name=args.boundary_name, boundary_kind=args.boundary_kind,
        simplify_tolerance=args.simplify, sheet=args.sheet,
        goal_colour_rule=args.goal_colour_rule, language=args.language or "en",
        language_stated=args.language is not None,
        append=getattr(args, "append", False), indicator_meta=getattr(args, "indicator_meta", None),
    )


def print_report(report: ImportReport, limit: int = 50, quiet: bool = False,
                 saved: Path | None = None) -> None:
    """The report's lines, then the counts. `quiet` (a scheduled import's cron mail) prints only what
    was refused, and the counts after it, to standard error: warnings and per-file counts, which a
    good import prints on every run, are left to the CSV report (`saved`, which the lines past
    `limit` name)."""
    frame = report.frame()
    out = sys.stderr if quiet else sys.stdout
    if quiet:
        frame = frame[frame["severity"] == REJECTED]
    if len(frame):
        shown = frame.head(limit).astype(object)
        shown = shown.where(shown.notna(), "")
        for row in shown.itertuples(index=False):
            where = f"{row.file}" + (f":{int(row.line)}" if row.line != "" else "")
            column = f" [{row.column}]" if row.column else ""
            value = f" {row.value!r}" if row.value else ""
            print(f"{row.severity}: {where}{column}{value}: {row.reason}", file=out)
        if len(frame) > limit:
            place = f" ({saved})" if saved else ""
            print(f"... and {len(frame) - limit} more in the CSV report{place}", file=out)
    if not quiet:
        print(report.summary())
    elif len(frame):
        print(report.summary().splitlines()[-1], file=out)


def run_validate(args: argparse.Namespace) -> int:
    """What `import` would keep and reject, without a store: the files read as the import reads
    them, spooled in a temporary folder so that a key two files bring is reported as the import
    reports it, and their places placed as the import places them into an empty store."""
    import tempfile

    from loaders.import_checks import report_directions, report_half_bounds
    from loaders.importer import check_references, spool_files_read_whole
    from loaders.same_cities import same_cities
    from loaders.scoring.normalise import stated
    from loaders.sources import read_sources
    from loaders.spool import Spool, report_repeats

    report = ImportReport()
    with tempfile.TemporaryDirectory(prefix="city-sdg-validate-") as folder:
        spool = Spool(Path(folder))
        bundle = read_sources(args.files, read_options(args), report, spool)
        spool.renamed.update(same_cities(bundle, None, report))
        bundle = check_references(bundle, None, report)
        spool_files_read_whole(spool, bundle.observations)
        report_repeats(spool, report)
        if len(bundle.indicators):  # the directions scoring would take, warned as the import warns them
            brought = set(bundle.indicators["indicator_id"].astype(str))
            report_directions(stated(bundle.indicators).reset_index(), report, brought)
            report_half_bounds(bundle.indicators, None, report, brought)
    report_path = args.report or Path("city-sdg-report.csv")
    print_report(report, saved=report_path)
    report.write_csv(report_path)
    print(f"report written to {report_path}")
    return report.exit_status()


def run_import(args: argparse.Namespace) -> int:
    from loaders.importer import import_files
    from loaders.progress import Progress

    store = config.import_store(args.store)
    report, version = import_files(store, args.files, read_options(args), args.note,
                                   Progress(quiet=args.quiet))
    if args.report:
        report.write_csv(args.report)
    kept = store.version_dir(version) / "import_report.csv" if version is not None else None
    print_report(report, quiet=args.quiet, saved=args.report or kept)
    if version is None:
        out = sys.stderr if args.quiet else sys.stdout
        print(f"nothing was imported; {store.root} is unchanged", file=out)
        return EXIT_NOTHING_READ
    if not args.quiet:
        print(f"imported into {store.root} as version {version}")
    return report.exit_status()


def run_store(args: argparse.Namespace) -> int:
    store = config.import_store(args.store) if args.store else config.serving_store()
    if args.store_command == "restore":
        store.restore(args.version)
        print(f"{store.root}: version {args.version} is current again")
        return 0
    if args.store_command == "prune":
        removed = store.prune(args.keep)
        print(f"{store.root}: {len(removed)} old versions deleted" + "".join(f"\n  {v}" for v in removed))
        return 0
    versions = store.versions()
    if not versions:
        print(f"{store.root} holds no versions yet")
    for meta in versions:
        mark = "*" if meta["current"] else " "
        counts = meta.get("counts", {})
        files = ", ".join(Path(s.get("file", s.get("name", ""))).name for s in meta.get("sources", []))
        print(f"{mark} {meta['version']}  {meta.get('created', '')}  "
              f"{counts.get('observations', 0):>9,} observations  {files}")
    return 0


def run_info(args: argparse.Namespace) -> int:
    store = config.import_store(args.store) if args.store else config.serving_store()
    data = store.read(args.data_version)
    label = "demonstration data" if data.is_demo else "imported data"
    print(f"store: {store.root} ({label}), version {data.version}, created {data.meta.get('created')}")
    for name, frame in sorted(data.tables.items()):
        print(f"  {name:<20} {len(frame):>10,} rows")
    obs = data.observations
    if len(obs):
        print(f"  years {int(obs['year'].min())}-{int(obs['year'].max())}, "
              f"goals {sorted(data.indicators['goal'].dropna().astype(int).unique().tolist())}")
    for source in data.meta.get("sources", []):
        print(f"  source: {source.get('name') or source.get('file')}")
    unfinished, size = store.incoming()
    if unfinished:
        print(f"  {unfinished} unfinished import folder(s) in {store.root / 'versions'} "
              f"({size / 1e6:,.1f} MB): an import running now, or one that was stopped; the next import "
              "removes those older than an hour")
    return 0


def run_demo(args: argparse.Namespace) -> int:
    from loaders.demo.store import write_demo_store

    version = write_demo_store(args.out)
    print(f"demo store written: version {version}")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from dashboard import serve

    config.rate_limits()  # a limit that cannot be read stops the start here, not each worker's in silence
    store = config.serving_store(args.store)
    data = store.read(only=())  # the version's metadata: the workers open the data themselves
    label = "the demonstration store" if data.is_demo else "your store"
    print(f"serving {label} {store.root} (version {data.version}) at http://{args.host}:{args.port}",
          flush=True)
    serve.run(str(store.root), args.host, args.port, args.workers, args.threads, args.dev)
    return 0


def run_mapping(args: argparse.Namespace) -> int:
    from loaders.mapped.draft import write_draft

    if not args.file.is_file():
        raise LoadError(f"{args.file} does not exist.")
    known = recognised_format(args.file)
    if known:
        print(f"note: {args.file.name} is read as the '{known}' format without a mapping "
              f"(city-sdg import {args.file}); a mapping is needed only to read it otherwise.")
    try:
        target, kind = write_draft(args.file, args.out, args.sheet)
    except LoadError as error:
        if not known:
            raise
        print(f"no mapping drafted: {error}")
        return 0
    projects = kind == "projects"
    what = "starter projects mapping (the file is a list of projects)" if projects else "starter mapping"
    print(f"{what} written to {target}; check it, then run:")
    print(f"  city-sdg validate {args.file}{' --kind projects' if projects else ''} --mapping {target}")
    return 0


def recognised_format(path: Path) -> str | None:
    """The format a reader finds `path` in on its own, or None."""
    from loaders import formats

    try:
        return formats.detect(path).NAME
    except LoadError:
        return None


def run_export_static(args: argparse.Namespace) -> int:
    from dashboard.static_site.export import Part, export
    from layouts import i18n
    from loaders.progress import Progress

    settings = config.settings()
    i18n.configure(settings.language, settings.locale_dirs)  # a catalogue added by the city is exported too
    unknown = [code for code in args.lang or [] if code not in i18n.languages()]
    if unknown:  # 'xx' or 'EN' wrote English pages marked lang="xx": the wrong voice for a screen reader
        print(f"city-sdg export-static: error: no translation for --lang {', '.join(unknown)}; the languages "
              f"are {', '.join(i18n.languages())}", file=sys.stderr)
        return 64
    store = config.serving_store(args.store)
    part = Part(tuple(args.place), args.latest_years)
    progress = Progress(quiet=args.quiet)
    try:
        report = export(store.root, args.dir, args.base_url, args.lang, not args.no_pictures, args.jobs,
                        part=part, progress=progress.stage("exporting", "parts"))
    finally:
        progress.close()
    if not args.quiet:
        print("\n".join(report.lines()))
    return 0


COMMANDS = {"mapping": run_mapping, "export-static": run_export_static,
            "serve": run_serve, "import": run_import, "validate": run_validate,
            "store": run_store, "demo": run_demo, "info": run_info}


SERVING_MEMORY_POOL = "system"
"""Arrow's memory pool for `city-sdg serve`: the C library's allocator (whose arenas `serve` limits)
instead of Arrow's bundled mimalloc, which kept the memory of the slices a worker had read and let go
of. Measured at 10,000 places x 100 indicators x 25 years (benchmarks/serving_speed.py, 40 rounds,
two workers, same run order): each worker 529-541 MiB resident with mimalloc, 320-351 MiB with the
system pool, the whole server 835 against 501 MiB PSS, the views' times the same within the runs'
spread. An operator's own ARROW_DEFAULT_MEMORY_POOL stands."""


def start_again_for_serving(args: argparse.Namespace, argv: list[str] | None) -> None:
    """`city-sdg serve` typed on a command line starts again at once with SERVING_MEMORY_POOL: Arrow
    reads ARROW_DEFAULT_MEMORY_POOL when it first allocates, which happens while this module is
    imported, so the variable has to be there when the program starts. The same process (its id
    stays, for a supervisor) runs the same command line again, this time with the variable set."""
    if argv is not None or args.command != "serve" or args.dev or os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        return
    os.environ["ARROW_DEFAULT_MEMORY_POOL"] = SERVING_MEMORY_POOL
    with contextlib.suppress(OSError):  # could not start again: serve with the pool it has
        os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    start_again_for_serving(args, argv)
    try:
        return COMMANDS[args.command](args)
    except LoadError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_NOTHING_READ
    except BrokenPipeError:  # `city-sdg info | head`: the reader has what it wanted
        with contextlib.suppress(OSError):  # no second error as Python flushes stdout on exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # the user gets one sentence; --debug shows the traceback
        if args.debug:
            raise
        print(f"error: {type(error).__name__}: {error} (run with --debug for details)",
              file=sys.stderr)
        return EXIT_NOTHING_READ


if __name__ == "__main__":
    sys.exit(main())
