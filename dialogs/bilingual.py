"""Two languages at once for a mediated conversation: the person's language, with the staff member's under it.

A button holds both languages while they fit a phone (`BUTTON` characters); a longer one keeps the person's
language alone (cut with "…" if that is still too long) and its full bilingual wording goes into the message
above (`fit`).
"""

from __future__ import annotations

from collections.abc import Sequence

from dialogs.bidi import LRM, RLM, isolated, shortened, visible
from dialogs.i18n import SOURCE_LANGUAGE, Translator, translator
from dialogs.reply import Button, Reply
from dialogs.text import Msg

SHORT = 60
"""Labels (no final punctuation, up to this length) share one line; sentences get a line each."""
BUTTON = 40
"""Characters a phone shows on a button of a message's width; a longer bilingual label keeps one language."""
MARKS = {"fr": "🇫🇷", "en": "🇬🇧"}
"""What starts the staff member's line under the person's; other staff languages get `OTHER_MARK`."""
OTHER_MARK = "↳"


class Bilingual(Translator):
    """Translates into the person's language and adds the staff member's language (French unless told) under it."""

    def __init__(self, language: str, staff: str = SOURCE_LANGUAGE) -> None:
        self.person = translator(language)
        super().__init__(self.person.language, self.person._catalog)
        self.staff = translator(staff)
        self.mark = MARKS.get(self.staff.language, OTHER_MARK)
        self._labels: dict[str, str] = {}
        """Bilingual labels made so far → the person's part alone (for buttons too long for a phone)."""

    @classmethod
    def over(cls, shown: Translator, language: str) -> Bilingual:
        """Both languages for a mediated conversation in `language`, the staff member reading in `shown`'s."""
        staff = shown.staff if isinstance(shown, Bilingual) else shown
        return cls(language, staff.language)

    def __call__(self, message: Msg | str, context: str | None = None) -> str:
        """ "Question?\\n🇫🇷 Question ?" for sentences, "Yes · Oui" for labels; one language when both read alike."""
        theirs = self.person(message, context)  # each language renders its own nested parts
        source = self.staff(message, context)
        if theirs == source:
            return theirs
        sentence = source.rstrip().endswith(("?", ".", ":", "!", "…"))
        if not sentence and len(theirs) <= SHORT and "\n" not in theirs:
            label = self._paired(theirs, source)
            self._labels[label] = theirs
            return label
        return f"{theirs}\n{self.mark} {source}"

    def _paired(self, theirs: str, source: str) -> str:
        """ "Yes · Oui"; when either language reads right to left, each half isolated and the whole started the person's
        reading way, so each half keeps its arrow and words as written (« ▶ رجوع » on the right, « ◀ Retour » on the
        left, not « Retour ◀ »)."""
        return paired(theirs, self.person.rtl, source, self.staff.rtl)

    def each_line(self, wrapper: Msg, inners: Sequence[Msg]) -> list[str]:
        """Both languages for each whole wrapped line, as for any other message (`line` too)."""
        return [self(Msg(wrapper.msgid, wrapper.context, {"line": inner})) for inner in inners]

    def button(self, label: str) -> tuple[str, str | None]:
        """The label a button can hold, and the full bilingual wording when it had to be shortened.

        Too long with both languages, a label keeps the person's; still too long (or in one language), it is cut.
        """
        if visible(label) <= BUTTON:
            return label, None
        both = next((b for b in sorted(self._labels, key=len, reverse=True) if b in label), None)
        theirs = label if both is None else label.replace(both, self._labels[both])
        return shortened(theirs, BUTTON), label


def paired(first: str, first_rtl: bool, second: str, second_rtl: bool) -> str:
    """ "Yes · Oui" on one button; when either half reads right to left, each half isolated and the whole started the
    first half's reading way (« Reprendre · العربية » keeps the Arabic name whole, on the right)."""
    if not (first_rtl or second_rtl):
        return f"{first} · {second}"
    return f"{RLM if first_rtl else LRM}{isolated(first, first_rtl)} · {isolated(second, second_rtl)}"


def staff_reader(t: Translator) -> Translator:
    """Who reads what is for professionals only: the staff member's language alone in a mediated conversation."""
    return t.staff if isinstance(t, Bilingual) else t


def fit(reply: Reply, t: Translator) -> Reply:
    """The reply with buttons that fit a phone; labels shortened to the person's language are written out in full."""
    if not isinstance(t, Bilingual) or not reply.buttons:
        return reply
    rows, full = fit_rows(reply.buttons, t)
    if not full:
        return reply
    return Reply(f"{reply.text}\n\n{full}", rows, edit=reply.edit, typed=reply.typed, document=reply.document)


def fit_rows(rows: tuple[tuple[Button, ...], ...], t: Translator) -> tuple[tuple[tuple[Button, ...], ...], str]:
    """Rows of buttons that fit a phone, and the full wording of the labels shortened (one a line, or "")."""
    if not isinstance(t, Bilingual):
        return rows, ""
    fitted: list[tuple[Button, ...]] = []
    full: list[str] = []
    for row in rows:
        kept: list[Button] = []
        for button in row:
            label, whole = t.button(button.label)
            kept.append(Button(label, button.action))
            if whole is not None:
                full.append(whole)
        fitted.append(tuple(kept))
    return tuple(fitted), "\n".join(full)
