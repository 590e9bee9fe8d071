"""The .ics calendar file sent with a confirmation, built with the icalendar library."""

from __future__ import annotations

from icalendar import Calendar, Event

from dialogs.bidi import contained
from dialogs.reply import Document
from storage.models import Meeting


def ics(meeting: Meeting, title: str, registration_id: int, code: str | None = None) -> Document:
    """One event with the meeting's time (UTC), place and address; stable UID per registration.

    `code` is the booking code's line in the person's language; the description starts with it. What staff typed
    (place, address, access notes) keeps its direction overrides inside it.
    """
    calendar = Calendar()
    calendar.add("prodid", "-//faire-lien//sessions//FR")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"registration-{registration_id}@faire-lien")
    event.add("summary", title)
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("dtstamp", meeting.created_at)
    event.add("location", f"{contained(meeting.place)}, {contained(meeting.address)}")
    description = "\n\n".join(part for part in (code, contained(meeting.access_notes or "")) if part)
    if description:
        event.add("description", description)
    calendar.add_component(event)
    return Document(f"rencontre-{meeting.id}.ics", calendar.to_ical(), "text/calendar")
