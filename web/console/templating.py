"""Jinja2 templates of the console, one environment per language with its gettext installed."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup

from dialogs.bidi import balanced, contained
from dialogs.i18n import cldr_locale, language_name, translator
from web.console.i18n import catalog, console_languages
from web.console.nav import menu

TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=16)
def environment(language: str) -> Environment:
    """Templates in one language: `_()`, `ngettext()`, `{% trans %}` use the console catalog, `bot()` the bot's;
    `|number` writes a count as the language writes numbers."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(catalog(language), newstyle=True)  # type: ignore[attr-defined]
    bot_texts = translator(language)
    env.globals["ngettext"] = grouped(cast("Callable[..., str]", env.globals["ngettext"]), bot_texts.format)
    env.filters["bdi"] = bdi
    env.filters["number"] = bot_texts.format  # a count in a cell as the page's language writes it: "1 234", "1,234"
    env.filters["contained"] = contained  # where no tag can go (the window's <title>): FSI…PDI, overrides closed
    env.globals["bot"] = bot_texts
    env.globals["page_menu"] = menu
    env.globals["console_language_names"] = lambda: [(code, language_name(code)) for code in console_languages()]
    env.globals["language"] = language
    env.globals["rtl"] = cldr_locale(language).character_order == "right-to-left"
    return env


def grouped(counted: Callable[..., str], number: Callable[[int], str]) -> Callable[..., str]:
    """Jinja's `ngettext()` with its count written as the page's language writes numbers ("1 234", "1,234"), the
    plural still chosen on the number itself."""

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, num: int, **variables: Any) -> str:
        variables.setdefault("num", number(num))
        return counted(context, singular, plural, num, **variables)

    return ngettext


def bdi(value: object) -> object:
    """Text someone typed (a name, a message) in its own <bdi>: its direction overrides cannot reorder the page's
    words around it; None and "" as they are."""
    if value is None or value == "":
        return value
    return Markup("<bdi>{}</bdi>").format(balanced(str(value), close=True))


def render(language: str, name: str, values: dict[str, Any]) -> str:
    """One template rendered in a language."""
    return environment(language).get_template(name).render(values)
