"""A keyboard drawn by an older version of a flow: its option buttons are positions, so a press is refused."""

from __future__ import annotations

from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import Conversation
from tests.dialogs.golden_driver import Person
from tests.support.db import rows

TO_ACTIVITY = [
    "/start",
    "press:Français",
    "press:J'accepte",
    "press:Bilan",
    "press:Nationalité française",
    "press:Plus de 3 mois",
    "type:1992",
    "type:1",
    "press:En France métropolitaine",
    "press:Aucune de ces aides",
    "press:Valider",
    "press:Non, elles changent",
    "type:20000",
]


async def test_none_pressed_on_a_keyboard_of_the_previous_version_ticks_nothing(
    assistant: Assistant, db: Database
) -> None:
    """Version 6 listed « Non, personne » 5th; version 7 put « Stage payé fini… » there (rights5).

    A person shown the question before the deploy who presses « Non, personne » after it now reads « Ce bouton
    n'est plus valide. Voici la question en cours. » with the new keyboard, nothing ticked, and the old keyboard
    stays refused; before, the press ticked « ☑ Stage payé fini, sans autre revenu ».
    """
    current = assistant.flows["rights_check"]
    step = current.step("activity_situation")
    older = current.model_copy(
        update={
            "version": current.version - 1,
            "steps": [
                s.model_copy(update={"options": [o for o in s.options if o.id != "training_ended"]})
                if s.id == step.id
                else s
                for s in current.steps
            ],
        }
    )
    assistant.flows["rights_check"] = older
    person = Person(assistant, db)
    for action in TO_ACTIVITY:
        await person.do(action)
    old_none = person.action("Non, personne")
    assert old_none.endswith(":t4")
    assistant.flows["rights_check"] = current  # the deploy

    replies = await person.send("action", old_none)
    text = "\n".join(r.text for r in replies)
    assert "Ce bouton n'est plus valide. Voici la question en cours." in text, replies[-1].labels()
    labels = str(replies[-1].labels())
    assert "☐ Stage payé fini, sans autre revenu" in labels and "☐ Non, personne" in labels, labels
    (conversation,) = await rows(db, Conversation)
    assert (conversation.step_id, conversation.draft) == ("activity_situation", [])

    again = await person.send("action", old_none)
    assert "Ce bouton n'est plus valide" in again[-1].text or "Ce bouton n'est plus valide" in again[0].text
    (conversation,) = await rows(db, Conversation)
    assert conversation.draft == []

    await person.do("press:Non, personne")
    await person.do("press:Valider")
    (conversation,) = await rows(db, Conversation)
    assert conversation.answers["activity_situation"] == ["none"]
    assert conversation.flow_version == current.version
