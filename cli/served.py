"""The flows the bot and the console serve: a staff file with a problem is left out and logged, never fatal."""

from __future__ import annotations

import logging

from dialogs.loader import Loaded, load_served_flows
from dialogs.results import BUILDERS
from faire_lien.config import Settings

log = logging.getLogger("faire_lien")


def served_flows(settings: Settings) -> Loaded:
    """Every valid flow file of FLOWS_DIRS, and the problems of the staff files left out, each logged as an ERROR
    with its file and reason (a file's words, never a person's); a broken shipped file stops start-up
    (FlowLoadError), as it is a bug."""
    flows, left_out = load_served_flows(settings.flows_dirs, BUILDERS)
    for problem in left_out:
        log.error("staff flow file left out, running without it (`faire-lien flows check` lists it): %s", problem)
    return flows, left_out
