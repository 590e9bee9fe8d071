"""`faire-lien web` (the staff console alone) and `faire-lien console-link` (a one-time sign-in link)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import getpass
import socket
import sys

import uvicorn

from cli.served import served_flows
from dialogs.i18n import available_languages
from dialogs.loader import Loaded
from faire_lien.config import Settings
from faire_lien.core.roles import Staff, staff_named
from faire_lien.staff.console_links import sign_in_link
from storage import migrate
from storage.db import Database
from storage.types import utcnow
from web.console.context import Console
from web.server import BackgroundServer, application, uvicorn_config


def operator() -> Staff:
    """The server's operator, who can open the database anyway: a coordinator in the console, audited by login name."""
    return Staff("coordinator", None, f"console:{getpass.getuser()}")


async def new_link(settings: Settings, who: str | None, base: str | None = None) -> str | None:
    """A one-time sign-in link for `telegram:ID` (or a bare id), or for the operator; None when not staff."""
    db = Database(settings.database_url)
    try:
        async with db.unit_of_work() as session:
            staff = operator() if who is None else await staff_named(session, who)
            if staff is None or (who is not None and staff.member_id is None):
                return None
            return await sign_in_link(session, staff, base or settings.console_base(), utcnow())
    finally:
        await db.dispose()


def console_for(settings: Settings, served: Loaded) -> Console:
    """The console's dependencies from the settings and the flows served (its own database engine, for its own
    event loop)."""
    flows, left_out = served
    return Console(settings, Database(settings.database_url), utcnow, flows, available_languages(), left_out)


def start_beside(settings: Settings, served: Loaded) -> BackgroundServer | None:
    """Start the console in a thread beside the bot or the terminal chat; print its address and a sign-in link."""
    server = BackgroundServer(application(console_for(settings, served)), settings.web_listen, settings.web_port)
    if not server.start():
        print(f"The staff console could not listen on {settings.web_listen}:{settings.web_port} (WEB_PORT).")
        return None
    base = settings.console_url or f"http://{settings.web_listen}:{server.port}"
    settings.console_url = base  # the bot's /console links point where the console really listens (WEB_PORT=0)
    link = asyncio.run(new_link(settings, None, base))
    print(f"Staff console: {base.rstrip('/')}/")
    print(f"One-time sign-in link for the local coordinator (10 minutes): {link}\n", flush=True)
    return server


class AnnouncedServer(uvicorn.Server):
    """uvicorn's server printing the console's address and a sign-in link once it listens, never before: with the
    port taken, a link would lead to whatever holds it."""

    def __init__(self, config: uvicorn.Config, settings: Settings) -> None:
        super().__init__(config)
        self.settings = settings

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        """Listen, then say where (uvicorn exits instead when it cannot listen)."""
        await super().startup(sockets)
        if not self.started:
            return
        port = self.servers[0].sockets[0].getsockname()[1]
        base = self.settings.console_url or f"http://{self.settings.web_listen}:{port}"
        self.settings.console_url = base
        print(f"Staff console: {base.rstrip('/')}/")
        link = await new_link(self.settings, None, base)
        print(f"One-time sign-in link for the local coordinator (10 minutes): {link}", flush=True)


def cmd_web(settings: Settings, _args: argparse.Namespace) -> int:
    """Serve the staff console alone (the bot runs elsewhere); a port already taken is said in one line (exit 1)."""
    migrate.upgrade(settings.database_url)
    app = application(console_for(settings, served_flows(settings)))
    server = AnnouncedServer(uvicorn_config(app, settings.web_listen, settings.web_port), settings)
    with contextlib.suppress(SystemExit):  # uvicorn exits when it cannot listen: said below
        server.run()
    if not server.started:
        print(f"The staff console could not listen on {settings.web_listen}:{settings.web_port} (WEB_PORT).")
        return 1
    return 0


def cmd_console_link(settings: Settings, args: argparse.Namespace) -> int:
    """Print a one-time sign-in link (for a staff member with --staff, else for the local coordinator)."""
    if settings.console_url is None and settings.web_port == 0:
        print(
            "WEB_PORT=0 lets the console choose a free port when it starts, so this command cannot know it: "
            "use the link the running console printed, or set CONSOLE_URL to its address.",
            file=sys.stderr,
        )
        return 2
    migrate.upgrade(settings.database_url)
    who = None if args.staff is None else str(args.staff)
    link = asyncio.run(new_link(settings, who))
    if link is None:
        print(f"{who} is not an active staff member: invite them first (/invite in the bot).", file=sys.stderr)
        return 1
    print(link)
    return 0


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `web` and `console-link`."""
    sub.add_parser("web", help="serve the staff console alone on WEB_LISTEN:WEB_PORT").set_defaults(func=cmd_web)
    link = sub.add_parser("console-link", help="print a one-time sign-in link to the staff console (10 minutes)")
    link.add_argument("--staff", metavar="TELEGRAM_ID", help="for this staff member (default: the local coordinator)")
    link.set_defaults(func=cmd_console_link)
