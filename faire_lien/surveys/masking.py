"""Free comments shown to staff with phone numbers, e-mail addresses, social security numbers and addresses masked.

People write such details in a survey's comment box although the question asks them not to. Staff read
comments (console, bot, exports) with each detail replaced by "[téléphone masqué]", "[e-mail masqué]",
"[n° de sécurité sociale masqué]" or "[adresse masquée]"; the raw text stays in the database, where only
the person's own /mydata shows it.

The patterns are ours (not written by staff), run by Python's `re`, and built so that no text makes them
backtrack for long: every repetition is bounded or consumes one unambiguous token per turn. A comment is
500 characters at most; the tests time a hundred times that. They run on a copy of the comment whose digits
are Latin (an Arabic or Persian keyboard's "٠٦ ١٢ ٣٤ ٥٦ ٧٨", a full-width "０６１２…"), character for character,
and what they find is masked in the comment as it was typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from dialogs.digits import EASTERN_ARABIC, LATIN, PERSIAN
from dialogs.i18n import Translator
from dialogs.text import msg

PHONE = msg("[téléphone masqué]", "masking")
EMAIL = msg("[e-mail masqué]", "masking")
SOCIAL_SECURITY = msg("[n° de sécurité sociale masqué]", "masking")
ADDRESS = msg("[adresse masquée]", "masking")

FULL_WIDTH = "０１２３４５６７８９"
_AS_LATIN = str.maketrans(
    EASTERN_ARABIC + PERSIAN + FULL_WIDTH + "＋－．（）＠\u3000\u2010\u2011\u2012\u2013\u2212٫",
    LATIN * 3 + "+-.()@ -----.",
)
"""One character for one: other scripts' digits, full-width signs and other dashes read as the Latin ones, so
a span found in the copy is the same span in the comment."""

_SEP = r"[ .\-\u00a0]"
"""What people put between groups of digits: a space, a dot, a dash (or a non-breaking space)."""

EMAIL_PATTERN = re.compile(
    r"(?<![\w.+\-])[\w.+\-]{1,64}"
    r"(?:@|[ \u00a0]?[\[(](?i:at|arobase)[\])][ \u00a0]?|[ \u00a0](?i:arobase)[ \u00a0])"
    r"[\w\-]{1,63}(?:\.[\w\-]{1,63}){1,4}(?![\w\-])"
)
"""jean.dupont@example.fr, and the spelled-out forms "jean [at] example.fr", "jean arobase example.fr"."""

NIR_PATTERN = re.compile(
    r"(?<![\w+])[12](?:[ .\u00a0]?\d\d){2}[ .\u00a0]?(?:\d\d|2[ABab])(?:[ .\u00a0]?\d{3}){2}(?:[ .\u00a0]?\d\d)?(?!\w)"
)
"""A French social security number (NIR): sex 1 or 2, year, month, department (2A/2B for Corsica), commune and
order number, 13 characters, then the 2-digit key or not; with or without spaces or dots between the groups."""

PHONE_PATTERNS = (
    re.compile(rf"(?<![\w+])\+\d{{1,3}}(?:{_SEP}?\(0\))?(?:{_SEP}?\(?\d\)?){{6,13}}(?![\w])"),
    re.compile(rf"(?<![\w+])00\d{{1,3}}(?:{_SEP}?\(?\d\)?){{6,13}}(?![\w])"),
    re.compile(rf"(?<![\w+])0[1-9](?:{_SEP}?\d\d){{4}}(?![\w])"),
)
"""International numbers (+33 6 12 34 56 78, +44 20 7946 0958, +1 (555) 123-4567, 0033 6…), then French ones
(06 12 34 56 78, 06.12.34.56.78, 0612345678): each turn of a repetition takes one digit or one pair."""

_STREET = (
    r"rue|ruelle|avenue|av\.?|boulevard|bd|bld|bvd|chemin|ch\.|impasse|imp\.|allée|allee|all\.|quai|faubourg|fg"
    r"|rond-point|lieu-dit|résidence|residence|rés\.|res\.|esplanade|villa|sentier|hameau|lotissement"
)
"""Words that name a street whatever follows them."""
_SQUARE = r"place|pl\.|cours|route|rte|passage|square|voie|cité|cite|promenade|parvis|chaussée|chaussee|quartier"
"""Words that also mean something else ("2 cours de yoga"): they name a street only before a capitalised name."""
_PARTICLE = r"(?:de|du|des|la|le|les|au|aux|à|en|sur|sous|saint|sainte|st|ste)"
_ELIDED = r"(?:[dlDL]['’])?"
_WORD = r"[^\W_][\w'’\-]{0,40}"
_CAPITAL = r"[A-ZÀ-ÖØ-Þ][\w'’\-]{0,40}"
_NUMBER = r"(?<![\w,.])\d{1,4}(?:[ \u00a0]?(?i:bis|ter|quater|[a-d])(?![\w]))?,?[ \u00a0]+"
_NOT_CEDEX = r"(?!(?i:cedex)(?!\w))"
_THEN = rf"(?:[ \u00a0]+(?:{_PARTICLE}[ \u00a0]+){{0,2}}{_ELIDED}{_CAPITAL}){{0,4}}"
"""After the first word of a street's name, the capitalised words of the rest of it ("de la Paix", "Victor Hugo")."""

ADDRESS_PATTERNS = (
    re.compile(
        rf"{_NUMBER}(?i:{_STREET})(?![\w])\.?[ \u00a0]+(?:(?i:{_PARTICLE})[ \u00a0]+){{0,3}}{_ELIDED}{_WORD}{_THEN}"
    ),
    re.compile(
        rf"{_NUMBER}(?i:{_SQUARE})(?![\w])\.?[ \u00a0]+(?:(?i:{_PARTICLE})[ \u00a0]+){{0,3}}{_ELIDED}{_CAPITAL}{_THEN}"
    ),
    re.compile(
        r"(?<![\w,.])(?:0[1-9]|[1-8]\d|9[0-8])\d{3}[ \u00a0]+"
        rf"{_CAPITAL}(?:[ \u00a0]+(?:{_PARTICLE}[ \u00a0]+)?{_NOT_CEDEX}{_CAPITAL}){{0,3}}"
        r"(?:[ \u00a0]+(?i:cedex)(?:[ \u00a0]+\d{1,2})?)?"
    ),
)
"""A number, "bis" or "ter" maybe, a street word and its name ("12 rue de la Paix", "3 bis avenue Victor Hugo");
a postcode and its town ("86000 Poitiers", "85000 La Roche-sur-Yon")."""


def mask(text: str, t: Translator) -> str:
    """The comment with every phone number, e-mail address, social security number and address masked."""
    passes = (
        ((EMAIL_PATTERN,), EMAIL),
        ((NIR_PATTERN,), SOCIAL_SECURITY),
        (PHONE_PATTERNS, PHONE),
        (ADDRESS_PATTERNS, ADDRESS),
    )
    for patterns, label in passes:
        replacement = t(label)
        for pattern in patterns:
            text = _substitute(pattern, replacement, text)
    return text


def _substitute(pattern: re.Pattern[str], replacement: str, text: str) -> str:
    """The text with each span the pattern finds in its Latin-digit copy replaced (the replacement read as is)."""
    parts: list[str] = []
    end = 0
    for found in pattern.finditer(text.translate(_AS_LATIN)):
        parts += (text[end : found.start()], replacement)
        end = found.end()
    return "".join(parts) + text[end:] if parts else text


def masked(comments: Iterable[str], t: Translator) -> list[str]:
    """Comments as staff read them: each masked, in alphabetical order (not the order people answered in)."""
    return sorted(mask(comment, t) for comment in comments)
