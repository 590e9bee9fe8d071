"""The log filter used by "never logged" checks leaves answers in and times and ports out."""

from tests.support.logs import said


def test_times_and_ports_are_left_out_but_answers_stay() -> None:
    line = "2026-11-30 03:51:20,850 INFO faire_lien: polling http://127.0.0.1:38850\n"
    assert "850" not in said(line)
    assert "850" in said("2026-11-30 03:51:20,100 INFO x: income 850\n")


def test_the_server_process_id_is_left_out() -> None:
    """uvicorn's « Started server process [28503] » held « 850 » and failed a never-logged check once."""
    assert "850" not in said("INFO uvicorn.error: Started server process [28503]\n")
    assert "850" in said("INFO x: process [2] answered 850\n")


def test_sqlalchemy_statement_timings_are_left_out() -> None:
    """SQLAlchemy's « [cached since 0.008901s ago] » held the Telegram id « 8901 » and failed a never-logged check."""
    assert "8901" not in said("INFO sqlalchemy.engine.Engine: [cached since 0.008901s ago] [SQL parameters hidden]\n")
    assert "8901" not in said("INFO sqlalchemy.engine.Engine: [generated in 0.00890149s] ()\n")
    assert "8901" in said("INFO sqlalchemy.engine.Engine: [cached since 0.1s ago] ('8901',)\n")
