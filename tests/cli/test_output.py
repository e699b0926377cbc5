"""The output layer: flattening, column order, JSON/CSV/plain text, rich on a terminal, the progress bar."""

from __future__ import annotations

import csv
import io
import json

import pytest

from socialecho_kit import _output


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_flatten_nests_with_dots_and_keeps_empty_objects() -> None:
    data = {"id": 1, "reports": {"like": 2, "extra": {"deep": True}}, "empty": {}, "tags": ["a"]}
    assert _output.flatten(data) == {
        "id": 1,
        "reports.like": 2,
        "reports.extra.deep": True,
        "empty": {},
        "tags": ["a"],
    }


def test_columns_are_preferred_first_then_the_rest_sorted() -> None:
    rows = [{"b": 1, "id": 2}, {"a": 3, "zz": 4}]
    assert _output.columns_for(rows, ("id", "missing", "zz")) == ["id", "zz", "a", "b"]
    assert _output.columns_for([], ("id", "name")) == ["id", "name"]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "true"),
        (False, "false"),
        (3, "3"),
        (1.5, "1.5"),
        ("x y", "x y"),
        ([1, "a"], '[1,"a"]'),
    ],
)
def test_cell_text(value: object, text: str) -> None:
    assert _output.cell_text(value) == text


def test_json_is_sorted_and_round_trips() -> None:
    out = io.StringIO()
    data = [{"z": 1, "a": {"y": "é", "b": None}}]
    _output.write_json(data, out)
    assert json.loads(out.getvalue()) == data
    assert out.getvalue().index('"a"') < out.getvalue().index('"z"')
    assert "é" in out.getvalue()


def test_csv_has_a_union_header_and_flattened_cells() -> None:
    out = io.StringIO()
    rows = [{"id": 1, "reports": {"like": 2}}, {"id": 2, "url": "u,1", "tags": ["x"]}]
    _output.write_csv(rows, out, preferred=("id",))
    parsed = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(parsed[0]) == ["id", "reports.like", "tags", "url"]
    assert parsed == [
        {"id": "1", "reports.like": "2", "tags": "", "url": ""},
        {"id": "2", "reports.like": "", "tags": '["x"]', "url": "u,1"},
    ]


def test_plain_table_is_tab_separated_and_one_line_per_row() -> None:
    out = io.StringIO()
    rows: list[dict[str, object]] = [
        {"id": 1, "content": "two\nlines\tand a \\"},
        {"id": 22, "content": None},
    ]
    _output.write_table(rows, out, preferred=("id", "content"))
    assert out.getvalue() == "id\tcontent\n1\ttwo\\nlines\\tand a \\\\\n22\t\n"
    assert "\x1b" not in out.getvalue()


def test_plain_table_without_rows_still_has_the_header() -> None:
    out = io.StringIO()
    rows: list[dict[str, object]] = []
    _output.write_table(rows, out, preferred=("id", "name"))
    assert out.getvalue() == "id\tname\n"


def test_plain_record_is_field_tab_value() -> None:
    out = io.StringIO()
    _output.write_record({"title": "T", "id": 7, "extra": {"k": "v"}}, out, preferred=("id",))
    assert out.getvalue() == "id\t7\nextra.k\tv\ntitle\tT\n"


def test_terminal_table_uses_rich() -> None:
    out = FakeTTY()
    _output.write_table([{"id": 1, "name": "alpha"}], out, preferred=("id",), title="Things")
    text = out.getvalue()
    assert "alpha" in text
    assert "Things" in text
    assert "\t" not in text


def test_terminal_record_uses_rich() -> None:
    out = FakeTTY()
    _output.write_record({"id": 1, "title": "Team A"}, out, title="Team")
    assert "Team A" in out.getvalue()
    assert "\t" not in out.getvalue()


def test_is_tty() -> None:
    assert _output.is_tty(FakeTTY()) is True
    assert _output.is_tty(io.StringIO()) is False


def test_progress_appears_only_from_the_second_page_on_a_terminal() -> None:
    err = FakeTTY()
    with _output.PageProgress("items", stream=err) as progress:
        progress.page_started(total=4)
        list(progress.track([1, 2]))
        assert not progress.shown
        progress.page_started(total=4)
        list(progress.track([3, 4]))
        assert progress.shown
    assert progress.pages == 2
    assert progress.items == 4


def test_progress_is_silent_when_stderr_is_not_a_terminal() -> None:
    err = io.StringIO()
    with _output.PageProgress("items", stream=err) as progress:
        for _ in range(3):
            progress.page_started(total=3)
            progress.item_done()
    assert not progress.shown
    assert err.getvalue() == ""


HOSTILE = "ok\x1b]52;c;cGF5bG9hZA==\x07 \u202eevil"


def test_csv_on_a_terminal_escapes_escape_sequences_and_bidi_overrides() -> None:
    terminal, file = FakeTTY(), io.StringIO()
    for stream in (terminal, file):
        _output.write_csv([{"title": HOSTILE}], stream)
    assert "\x1b" not in terminal.getvalue()
    assert "\u202e" not in terminal.getvalue()
    assert "ok\\x1b]52;c;cGF5bG9hZA==\\x07 \\u202eevil" in terminal.getvalue()
    assert list(csv.reader(io.StringIO(file.getvalue())))[1] == [HOSTILE]  # a file gets the exact text


def test_a_plain_table_escapes_bidi_overrides_too() -> None:
    out = io.StringIO()
    _output.write_table([{"title": HOSTILE}], out)
    assert "\u202e" not in out.getvalue()
    assert "\\u202eevil" in out.getvalue()


def test_an_empty_record_is_a_header_without_a_blank_row() -> None:
    out = io.StringIO()
    _output.write_csv([{}], out, preferred=("day", "exposure"))
    assert out.getvalue() == "day,exposure\n"


def test_server_made_column_names_and_json_on_a_terminal_are_escaped_too() -> None:
    terminal = FakeTTY()
    _output.write_csv([{"x\x1b[2J\u202e": 1}], terminal)
    assert terminal.getvalue().splitlines()[0] == "x\\x1b[2J\\u202e"
    shown = FakeTTY()
    _output.write_json({"title": "a\x9bb\u202ec"}, shown)
    assert "\x9b" not in shown.getvalue()
    assert "\u202e" not in shown.getvalue()
    assert json.loads(shown.getvalue()) == {"title": "a\x9bb\u202ec"}  # the same data, escaped
