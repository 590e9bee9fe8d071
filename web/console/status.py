"""The service's state for staff: rule values to update or confirm, translations, messages that did not go out.

The same readings as `faire-lien rules check`, `faire-lien languages` and `faire-lien outbox failed | retry`;
reading the failed messages and sending one again are audited, as on the command line.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from babel.messages.pofile import read_po
from starlette.responses import Response
from starlette.routing import Route

from dialogs.completeness import Completeness, check, shipped_languages
from dialogs.i18n import LOCALES_DIR, language_name, translator
from dialogs.rights.extract import CONTEXT
from dialogs.rights.table import Applied, Value, default_table
from dialogs.text import Msg
from faire_lien.outbox.about import concerns
from faire_lien.outbox.kinds import KIND_NAMES
from faire_lien.outbox.reasons import reason
from faire_lien.outbox.service import failed_messages, retry
from faire_lien.surveys.report import PERCENT
from storage.types import PARIS
from web.console.flash import said
from web.console.i18n import DOMAIN, N_
from web.console.local_time import day, moment
from web.console.pages import Page, page

KINDS = KIND_NAMES
"""What each kind of queued message is: the same words as the bot's undelivered-messages screen."""
STATES = {"failed": N_("Non remis"), "uncertain": N_("Incertain : peut-être reçu")}
RETRIED = N_("Message n° {number} remis dans la file : le bot l'envoie dans quelques secondes.")
AMOUNTS = {"EUR": "", "EUR/month": N_("{amount} par mois"), "EUR/year": N_("{amount} par an")}
"""How an amount in euros reads, by the rule table's unit ("": the amount alone)."""
KEYED = N_("{key} : {value}")
"""One value of a rule that has one per case (a benefit, a territory), after the case's code."""
ITEMS = N_(" ; ")
"""Between the values of a rule that has one per case."""
NOT_TO_RETRY = N_("Le message n° {number} n'est plus à renvoyer (déjà renvoyé, ou effacé).")


@dataclass(frozen=True)
class Catalog:
    """One language's console catalog: how many of its texts are translated."""

    language: str
    name: str
    total: int
    translated: int

    @property
    def percent(self) -> float:
        """The share translated, to one decimal."""
        return 100.0 if self.total == 0 else round(100 * self.translated / self.total, 1)


@cache
def bot_catalogs() -> tuple[Completeness, ...]:
    """Each bot language's completeness and review (catalogs do not change while the server runs)."""
    return tuple(check(language) for language in shipped_languages())


@cache
def console_catalogs() -> tuple[Catalog, ...]:
    """Each console language's translated share (French is the source)."""
    found = []
    for path in sorted(LOCALES_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with path.open("rb") as handle:
            catalog = read_po(handle)
        messages = [m for m in catalog if m.id]
        done = sum(1 for m in messages if not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string]))
        language = path.parent.parent.name
        found.append(Catalog(language, language_name(language), len(messages), done))
    return tuple(found)


def written(current: Page, value: Value, unit: str) -> str:
    """A rule value as the page's language writes it: an amount with its unit in words ("10 339 € par an"), an
    amount per key ("asi : 86 € par mois ; aspa : 110 € par mois"); a value that is a code (a rule, a list of
    territories…) as the table holds it, without the unit's English name."""
    if isinstance(value, dict):
        items = (current.text(KEYED, key=key, value=written(current, item, unit)) for key, item in value.items())
        return current.text(ITEMS).join(items)
    if not isinstance(value, Decimal):
        return value
    if unit in AMOUNTS:
        amount = current.t.money(value)
        return current.text(AMOUNTS[unit], amount=amount) if AMOUNTS[unit] else amount
    return _counted(current, value, unit)


def _counted(current: Page, value: Decimal, unit: str) -> str:
    """A number of days, months, years, shares or a percentage, in words; another unit after the number as it is."""
    number = current.t.format(value)
    whole = int(value) if value == value.to_integral_value() else 2  # the plural for a fraction (« 1,5 jours »)
    if unit == "percent":
        return current.t(PERCENT.bind(percent=value))
    if unit == "days":
        return current.ntext("{number} jour", "{number} jours", whole, number=number)
    if unit == "months":
        return current.ntext("{number} mois", "{number} mois", whole, number=number)
    if unit == "years":
        return current.ntext("{number} an", "{number} ans", whole, number=number)
    if unit == "share":
        return current.ntext("{number} part", "{number} parts", whole, number=number)
    return f"{number} {unit}"


def share(current: Page, percent: float) -> str:
    """A share as the page's language writes it, as the results pages do: "99,8 %", "99.8%"."""
    return current.t(PERCENT.bind(percent=Decimal(str(percent))))


def _rule_rows(current: Page) -> tuple[list[dict[str, object]], int]:
    """The values in force today that are stale or still to confirm (as `rules check`), and how many rules there are."""
    table = default_table()
    today = current.now.astimezone(PARIS).date()
    stale = {applied.name for applied in table.stale(today)}
    unverified = {applied.name: applied for applied in table.unverified(today)}
    doubtful = {applied.name: applied for applied in table.stale(today)} | unverified
    rows = [
        {
            **_rule_row(current, applied, table.series[name].unit),
            "stale": name in stale,
            "unverified": name in unverified,
        }
        for name, applied in doubtful.items()
    ]
    return rows, len(table.series)


def _rule_row(current: Page, applied: Applied, unit: str) -> dict[str, object]:
    """One value to update or confirm: its label and source note in the console's language (the bot's catalog, as
    the card's 🔒 block gives them), legal references as written."""
    words = translator(current.language)
    return {
        "name": applied.name,
        "description": words(Msg(applied.description, CONTEXT)),
        "value": written(current, applied.value, unit),
        "since": day(applied.since, current.language),
        "source": words(Msg(applied.source, CONTEXT)),
        "href": applied.href,
        "stale_since": day(applied.stale_since, current.language) if applied.stale_since else None,
    }


@page("menu")
async def status(current: Page) -> Response:
    """Rule values to update or confirm, translation progress, and (coordinators) messages that did not go out."""
    rules, checked = _rule_rows(current)
    messages = []
    if current.may("outbox"):
        found = await failed_messages(current.session, current.staff.label, current.now, via="console")
        messages = [
            {
                "id": message.id,
                "kind": current.t(KINDS[message.kind]),
                "about": current.t(await concerns(current.session, message)),
                "due": moment(message.due_at, current.language),
                "status": message.status,
                "state": STATES.get(message.status, message.status),
                "attempts": message.attempts,
                "error": current.t(reason(message.last_error)),
            }
            for message in found
        ]
    return current.render(
        "status.html",
        rules=rules,
        checked=checked,
        today=day(current.now, current.language),
        languages=bot_catalogs(),
        share=lambda value: share(current, value),
        language_name=language_name,
        console_catalogs=console_catalogs(),
        show_messages=current.may("outbox"),
        messages=messages,
    )


@page("outbox")
async def send_again(current: Page) -> Response:
    """Queue a failed or uncertain message again (audited), then back to the page."""
    number = int(current.request.path_params["message_id"])
    done = await retry(current.session, number, current.staff.label, current.now, via="console")
    text = RETRIED if done is not None else NOT_TO_RETRY
    return current.redirect("/health#messages", flash=said(text, number=str(number)))


ROUTES = [
    Route("/health", status, methods=["GET"]),
    Route("/health/messages/{message_id:id}/retry", send_again, methods=["POST"]),
]
