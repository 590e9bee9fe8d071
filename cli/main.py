"""The `faire-lien` command: run the bot or the terminal chat, check and draw flows, migrate, check rules."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from pydantic import ValidationError

from cli import console as console_cli
from cli import grids as grids_cli
from cli import outbox as outbox_cli
from cli import requests as requests_cli
from cli import rules as rules_cli
from cli import sessions as sessions_cli
from cli import staff as staff_cli
from cli import surveys as surveys_cli
from cli.failures import database_problem, setting_problems, telegram_problem
from cli.files import output_folder, write_file
from cli.logs import configure_logging, secrets_of, without_secrets
from cli.served import served_flows
from dialogs.diagram import mermaid
from dialogs.i18n import available_languages
from dialogs.loader import FlowLoadError, check_flows, flow_warnings, load_flows
from dialogs.results import BUILDERS
from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from faire_lien.cases.policy import case_policy
from faire_lien.config import Settings
from faire_lien.core.contacts import Contacts
from storage import migrate
from storage.db import Database
from storage.retention import MIN_RETENTION_MONTHS

log = logging.getLogger("faire_lien")


def _assistant(settings: Settings, flows: dict[str, Flow]) -> Assistant:
    contacts = Contacts(
        settings.contact_health_insurance_phone,
        settings.contact_local_service,
        settings.contact_local_phone,
        settings.data_controller,
        settings.data_controller_contact,
        settings.retention_months,
    )
    return Assistant(
        flows,
        available_languages(),
        contacts=contacts,
        console_url=settings.console_base(),
        cases=case_policy(settings),
        bot_username=settings.telegram_bot_username,
    )


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    """Start the Telegram bot, or the terminal chat when no token is configured."""
    migrate.upgrade(settings.database_url)
    served = served_flows(settings)
    console = console_cli.start_beside(settings, served)
    try:
        if settings.telegram_bot_token is None:
            print("TELEGRAM_BOT_TOKEN is not set: opening the terminal chat instead of Telegram.")
            print("Set it in the environment or in .env to start the Telegram bot.\n")
            return _chat(settings, args, served[0])
        from bot.app import build_application, run_polling

        assistant = _assistant(settings, served[0])
        db = Database(settings.database_url)
        log.info("starting the bot in polling mode against %s", settings.telegram_api_base_url.split("/bot")[0])
        run_polling(build_application(settings, assistant, db), settings.poll_timeout)
        return 0
    finally:
        if console is not None:
            console.stop()


def cmd_webhook(settings: Settings, _args: argparse.Namespace) -> int:
    """Run the bot in webhook mode (production, behind a reverse proxy); refuse without the secret token."""
    missing = [
        name
        for name, value in (
            ("TELEGRAM_BOT_TOKEN", settings.telegram_bot_token),
            ("WEBHOOK_URL", settings.webhook_url),
            ("WEBHOOK_SECRET", settings.webhook_secret),
        )
        if not value
    ]
    if missing:
        print(f"webhook mode needs {', '.join(missing)} in the environment", file=sys.stderr)
        return 2
    from bot import heap
    from bot.app import build_application
    from web.app import create_app, serve
    from web.console.context import Console

    migrate.upgrade(settings.database_url)
    db = Database(settings.database_url)
    flows, left_out = served_flows(settings)
    assistant = _assistant(settings, flows)
    log.info("starting the bot in webhook mode on %s:%s", settings.webhook_listen, settings.webhook_port)
    console = Console(settings, db, assistant.clock, assistant.flows, assistant.languages, left_out)
    app = create_app(settings, build_application(settings, assistant, db), console)
    heap.settle()
    if not serve(app, settings):
        print(
            f"The webhook server could not listen on {settings.webhook_listen}:{settings.webhook_port} (WEBHOOK_PORT).",
            file=sys.stderr,
        )
        return 1
    return 0


def cmd_chat(settings: Settings, args: argparse.Namespace) -> int:
    """Run the flows in the terminal on the same database as the bot."""
    migrate.upgrade(settings.database_url)
    return _chat(settings, args, served_flows(settings)[0])


def _chat(settings: Settings, args: argparse.Namespace, flows: dict[str, Flow]) -> int:
    """The terminal chat on these flows (the database migrated)."""
    from cli.chat import chat

    assistant = _assistant(settings, flows)

    async def go() -> None:
        db = Database(settings.database_url)
        try:
            await chat(assistant, db, user=getattr(args, "user", None), language=getattr(args, "lang", None))
        finally:
            await db.dispose()

    asyncio.run(go())
    return 0


def cmd_flows_check(settings: Settings, args: argparse.Namespace) -> int:
    """Report every problem of every flow file (exit 1 when any), then what loads but is likely a typo (warnings)."""
    dirs = [Path(d) for d in args.dirs] or settings.flows_dirs
    flows, errors = check_flows(dirs, BUILDERS)
    warnings = flow_warnings(dirs)
    for error in errors:
        print(error, file=sys.stderr)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    counted = f", {len(warnings)} warning(s)" if warnings else ""
    print(f"{len(flows)} flow(s) valid, {len(errors)} error(s){counted}")
    return 1 if errors else 0


def cmd_flows_diagram(settings: Settings, args: argparse.Namespace) -> int:
    """Print a Mermaid diagram for each flow (or write `<id>.mmd` next to the flow files)."""
    try:
        flows = load_flows(settings.flows_dirs, BUILDERS)
    except FlowLoadError as exc:
        print(exc, file=sys.stderr)
        return 1
    chosen = [f for f in flows.values() if not args.flow or f.id in args.flow]
    if args.flow and len(chosen) != len(set(args.flow)):
        print(f"unknown flow id; known: {', '.join(sorted(flows))}", file=sys.stderr)
        return 1
    for flow in chosen:
        if args.write:
            sources = [d / f"{flow.id}.yaml" for d in settings.flows_dirs if (d / f"{flow.id}.yaml").exists()]
            folder = sources[0].parent if args.write == "next-to-yaml" and sources else Path(args.write)
            if not write_file(folder / f"{flow.id}.mmd", mermaid(flow).encode()):
                return 1
        else:
            print(mermaid(flow))
    return 0


def retention_months(text: str) -> int:
    """A retention period typed on the command line: a whole number of months, at least 1 (exit 2 otherwise)."""
    try:
        months = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of months") from None
    if months < MIN_RETENTION_MONTHS:
        raise argparse.ArgumentTypeError(
            f"{months} months would anonymise answers given this month and registrations for sessions "
            f"not yet held: give at least {MIN_RETENTION_MONTHS}"
        )
    return months


def cmd_purge(settings: Settings, args: argparse.Namespace) -> int:
    """Anonymise answers and results older than the retention period (the bot also does it daily)."""
    from faire_lien.jobs.retention import run_purge

    migrate.upgrade(settings.database_url)
    months = settings.retention_months if args.months is None else args.months
    done = asyncio.run(run_purge(settings.database_url, months))
    print(
        f"anonymised: {done.people} person(s), {done.responses} answer(s), {done.registrations} registration(s); "
        f"deleted: {done.deleted} old request(s) and message(s)"
    )
    return 0


def cmd_languages(_settings: Settings, args: argparse.Namespace) -> int:
    """Each language's completeness and review status; exit 1 when a shipped language is incomplete."""
    from dialogs.completeness import check, shipped_languages

    incomplete = 0
    print("language  translated  untranslated  fuzzy  broken  exempt  review    reviewed  draft")
    for language in shipped_languages():
        report = check(language)
        incomplete += not report.complete
        reviewed, draft = (report.review.reviewed, report.review.draft) if report.review else (0, report.total)
        print(
            f"{language:<9} {report.percent:>9.1f}% {len(report.untranslated):>13} {len(report.fuzzy):>6} "
            f"{len(report.broken):>7} {report.exempt:>7}  {report.status:<8} {reviewed:>9} {draft:>6}"
        )
        if args.details:
            for kind, names in (
                ("untranslated", report.untranslated),
                ("fuzzy", report.fuzzy),
                ("broken", report.broken),
            ):
                for name in names:
                    print(f"    {kind}: {name}")
    return 1 if incomplete else 0


def cmd_flags(settings: Settings, _args: argparse.Namespace) -> int:
    """How often each question was flagged as not understood, per flow, step and language; under 5: « < 5 »."""
    from cli.db import in_unit_of_work
    from faire_lien.staff.service import flagged_questions
    from faire_lien.surveys.results import MIN_GROUP

    rows = in_unit_of_work(settings.database_url, flagged_questions)
    shown = [row for row in rows if row.count >= MIN_GROUP]
    few = sorted((row.flow_id, row.step_id, row.language) for row in rows if row.count < MIN_GROUP)  # no order by count
    for row in shown:
        print(f"{row.count:>5}  {row.flow_id}.{row.step_id} [{row.language}]")
    for flow_id, step_id, language in few:
        print(f"{'< ' + str(MIN_GROUP):>5}  {flow_id}.{step_id} [{language}]")
    hidden = len(few)
    counted = sum(row.count for row in shown)
    print(f"{counted} flag(s) on the questions flagged {MIN_GROUP} times or more")
    if hidden:
        print(
            f"{hidden} question(s) flagged fewer than {MIN_GROUP} times in one language: how many is not given, "
            "so that nobody can be recognised by their language"
        )
    return 0


def cmd_db_upgrade(settings: Settings, _args: argparse.Namespace) -> int:
    """Migrate the database to the latest schema."""
    migrate.upgrade(settings.database_url)
    print("database is up to date")
    return 0


def cmd_db_rebuild_totals(settings: Settings, _args: argparse.Namespace) -> int:
    """Compute the report totals again from the rows; say which tables had drifted (exit 0 either way)."""
    from cli.db import in_unit_of_work
    from faire_lien.core.finish import helps_individually
    from storage.report_totals import rebuild_all

    flows = served_flows(settings)[0]
    helped = [flow.id for flow in flows.values() if helps_individually(flow)]
    changed = in_unit_of_work(settings.database_url, lambda session: rebuild_all(session, helped))
    if changed:
        print(f"report totals rebuilt; these tables differed from the rows: {', '.join(changed)}")
    else:
        print("report totals rebuilt; they matched the rows")
    return 0


def parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    p = argparse.ArgumentParser(prog="faire-lien", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    run = sub.add_parser(
        "run", help="start the Telegram bot (or the terminal chat without a token) and the staff console"
    )
    run.set_defaults(func=cmd_run)
    sub.add_parser(
        "webhook", help="run the bot behind a reverse proxy (needs WEBHOOK_URL, WEBHOOK_SECRET)"
    ).set_defaults(func=cmd_webhook)
    chat = sub.add_parser("chat", help="talk with the assistant in the terminal")
    chat.add_argument("--user", help="who you are in the terminal chat (default: your login name)")
    chat.add_argument(
        "--lang", choices=available_languages(), help="language of someone new to the chat (skips the question)"
    )
    chat.set_defaults(func=cmd_chat)
    flows = sub.add_parser("flows", help="flow files").add_subparsers(dest="flows_command", required=True)
    check = flows.add_parser("check", help="validate flow files (file, step id, reason)")
    check.add_argument("dirs", nargs="*", help="folders to check (default: the configured flow folders)")
    check.set_defaults(func=cmd_flows_check)
    diagram = flows.add_parser("diagram", help="print a Mermaid diagram of each flow")
    diagram.add_argument("flow", nargs="*", help="flow ids (default: all)")
    diagram.add_argument(
        "--write",
        metavar="DIR",
        type=output_folder,
        help="write <flow id>.mmd into DIR, or next-to-yaml: beside each flow file",
    )
    diagram.set_defaults(func=cmd_flows_diagram)
    db = sub.add_parser("db", help="database").add_subparsers(dest="db_command", required=True)
    db.add_parser("upgrade", help="apply migrations").set_defaults(func=cmd_db_upgrade)
    db.add_parser(
        "rebuild-totals", help="compute the report totals again from the rows and say which tables had drifted"
    ).set_defaults(func=cmd_db_rebuild_totals)
    purge = sub.add_parser("purge", help="anonymise answers and results older than the retention period")
    purge.add_argument(
        "--months", type=retention_months, help="retention in months, at least 1 (default: RETENTION_MONTHS, 24)"
    )
    purge.set_defaults(func=cmd_purge)
    languages = sub.add_parser("languages", help="completeness and review status of each translation")
    languages.add_argument("--details", action="store_true", help="list every missing or fuzzy message")
    languages.set_defaults(func=cmd_languages)
    sub.add_parser("flags", help="questions people did not understand, per flow, step and language").set_defaults(
        func=cmd_flags
    )
    rules_cli.add_commands(sub)
    requests_cli.add_commands(sub)
    outbox_cli.add_commands(sub)
    sessions_cli.add_commands(sub)
    grids_cli.add_commands(sub)
    surveys_cli.add_commands(sub)
    staff_cli.add_commands(sub)
    console_cli.add_commands(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `faire-lien` console script."""
    args = parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as refused:
        for line in setting_problems(refused):
            print(f"faire-lien: {line}", file=sys.stderr)
        return 2
    secrets = secrets_of(settings)
    configure_logging(settings.log_level, secrets)
    try:
        code: int = args.func(settings, args)
    except Exception as failed:
        said = database_problem(failed, settings.database_url) or telegram_problem(
            failed, settings.telegram_api_base_url
        )
        if said is None:
            raise
        print(f"faire-lien: {without_secrets(said, secrets)}", file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main())
