"""The plan page's figure tables hand Streamlit the same cells as pandas' own Styler would.

:func:`planner.ui.number_table.shown_as` replaces, for speed, the ``Styler._translate`` that
Streamlit reads a table's display values and cell styles through; Streamlit's own marshalling of
both stylers must give the same display values and the same styles.
"""

from __future__ import annotations

import io

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.elements.lib.pandas_styler_utils import marshall_styler
from streamlit.proto.ArrowData_pb2 import ArrowData as ArrowProto

from planner.ui.number_table import number_table


def _frame() -> pd.DataFrame:
    df = pd.DataFrame({
        "group": ["farmers", "fishers", "ojek"],
        "name": ["Petani dan pekebun", "Nelayan", None],
        "eligible": [46000, 12500, 0],
        "cost": [8_150_000_000, 907_200_000, float("nan")],
        "share": [0.944, 1.0, None],
        "change": [-2588, 0, 112],
    })
    df.attrs = {"unit": {"eligible": "workers", "cost": "Rp", "share": "share",
                         "change": "signed workers"}}
    return df


def _marshalled(styler: object) -> tuple[list[dict[str, object]], str]:
    proto = ArrowProto()
    marshall_styler(proto, styler, "fixed")  # type: ignore[arg-type]
    shown = pa.ipc.open_stream(io.BytesIO(proto.styler.display_values)).read_all()
    return shown.to_pylist(), proto.styler.styles


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("short", [True, False])
@pytest.mark.parametrize("coloured", [True, False])
def test_the_fast_cells_are_pandas_own(lang: str, short: bool, coloured: bool) -> None:
    labels = {"name": "Kelompok", "eligible": "Layak", "cost": "Biaya", "share": "Cakupan",
              "change": "Perubahan"}
    fast, text = number_table(_frame(), lang, labels, short=short)
    slow, _ = number_table(_frame(), lang, labels, short=short)
    del slow._translate  # type: ignore[attr-defined]  # back to the class's own method
    if coloured:
        colours = ["color: red", "", "color: green"]
        fast = fast.apply(lambda _: colours, subset=["Perubahan"])
        slow = slow.apply(lambda _: colours, subset=["Perubahan"])
    fast.set_uuid("table")
    slow.set_uuid("table")
    cells, styles = _marshalled(fast)
    assert (cells, styles) == _marshalled(slow)
    assert ("color: red" in styles) is coloured
    # and the figures are the ones written for print: "8,15 miliar", "-2.588"
    column = {"id": "Perubahan", "en": "Perubahan"}[lang]
    assert [row[column] for row in cells] == text[column].tolist()
    assert cells[0][column] == ("-2.588" if lang == "id" else "-2,588")


def test_columns_left_off_the_screen_are_still_written_for_print() -> None:
    labels = {"name": "Kelompok", "eligible": "Layak", "cost": "Biaya", "share": "Cakupan"}
    styler, text = number_table(_frame(), "id", labels, short=True, shown=["name", "cost"])
    assert list(styler.data.columns) == ["Kelompok", "Biaya"]  # type: ignore[attr-defined]
    assert list(text.columns) == ["Kelompok", "Layak", "Biaya", "Cakupan"]
    assert text["Layak"].tolist() == ["46.000", "12.500", "0"]
    slow, _ = number_table(_frame(), "id", labels, short=True, shown=["name", "cost"])
    del slow._translate  # type: ignore[attr-defined]
    styler.set_uuid("table")
    slow.set_uuid("table")
    cells, _ = _marshalled(styler)
    assert cells == _marshalled(slow)[0]
    assert [row["Biaya"] for row in cells] == ["Rp8,15 miliar", "Rp907,20 juta", "-"]
