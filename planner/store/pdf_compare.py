"""A comparison of scenarios as a PDF for a hearing: totals, groups, sources, inputs that differ.

The layout is ``handout/comparison.typ``, compiled by the ``typst`` package as the plan's
hand-out is (:mod:`planner.store.pdf`): every word and figure reaches Typst as JSON data, never
as markup, so names are printed as written whatever characters they hold. Figures are written in
the page's language; beside each scenario's figure, its difference from the baseline.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from planner.compare import DELTA, Comparison, inputs_table
from planner.i18n import LANGS, register, t
from planner.money import count, percent, rupiah_short
from planner.store.excel import ExportMeta

__all__ = ["comparison_data", "export_comparison_handout"]

TEMPLATE = Path(__file__).resolve().parent / "handout" / "comparison.typ"

register({
    "pdfc_title": {"id": "Perbandingan skenario", "en": "Scenarios compared"},
    "pdfc_subtitle": {
        "id": "Pembanding: {baseline} · angka dalam kurung: selisih dari pembanding",
        "en": "Baseline: {baseline} · in brackets: the difference from the baseline",
    },
    "pdfc_member": {"id": "{column}: {name} ({version}, hash {hash})",
                    "en": "{column}: {name} ({version}, hash {hash})"},
    "pdfc_footer": {"id": "Perbandingan {names} · dibuat {created}",
                    "en": "Comparison of {names} · made {created}"},
    "pdfc_version": {"id": "versi {n}", "en": "version {n}"},
    "pdfc_unsaved": {"id": "belum disimpan di pustaka", "en": "not saved in the library"},
    "pdfc_page": {"id": "Halaman", "en": "Page"},
    "pdfc_totals": {"id": "Jumlah", "en": "Totals"},
    "pdfc_groups": {"id": "Pekerja dibiayai per kelompok", "en": "Workers funded by group"},
    "pdfc_sources": {"id": "Belanja per sumber dana", "en": "Spend by funding source"},
    "pdfc_inputs": {"id": "Masukan yang berbeda", "en": "Inputs that differ"},
    "pdfc_inputs_same": {"id": "Semua masukan sama.", "en": "Every input is the same."},
    "pdfc_measure": {"id": "Ukuran", "en": "Measure"},
    "pdfc_group": {"id": "Kelompok", "en": "Group"},
    "pdfc_source": {"id": "Sumber dana", "en": "Funding source"},
})


def export_comparison_handout(comparison: Comparison, metas: Sequence[ExportMeta],
                              lang: str = "id") -> bytes:
    """Return a comparison of scenarios as PDF bytes (A4 landscape, one page or a few).

    Parameters
    ----------
    comparison
        From :func:`planner.compare.compare`.
    metas
        Where each compared scenario comes from, in the comparison's order (name, version,
        content hash, time with its zone).
    lang
        ``"id"`` (default) or ``"en"``.

    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}")
    if len(metas) != len(comparison.names):
        raise ValueError("one ExportMeta per compared scenario")
    import typst

    data = json.dumps(comparison_data(comparison, metas, lang), ensure_ascii=False)
    pdf: bytes = typst.compile(str(TEMPLATE), sys_inputs={"data": data})
    return pdf


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _figure(value: object, unit: str, lang: str, signed: bool = False) -> str:
    if _missing(value):
        return "-"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    sign = "+" if signed and value > 0 else "-" if signed and value < 0 else ""
    size = abs(value) if signed else value
    if unit == "Rp":
        return sign + rupiah_short(size, lang)
    if unit == "share":
        return sign + percent(size, lang)
    return sign + count(size, lang)


def _cells(row: dict[str, Any], comparison: Comparison, lang: str) -> list[str]:
    unit = str(row.get("unit") or "")
    cells = []
    for n in comparison.names:
        value = row.get(n)
        if row.get("measure") == "status" and isinstance(value, str):
            cells.append(t(f"cmp_status_{value}", lang))
            continue
        text = _figure(value, unit, lang)
        change = row.get(f"{n}{DELTA}")
        if n != comparison.baseline and not _missing(change) and change != 0:
            text += f" ({_figure(change, unit, lang, signed=True)})"
        cells.append(text.replace(" ", "\u00a0"))
    return cells


def _table(title: str, first: str, frame: pd.DataFrame, comparison: Comparison, lang: str,
           *, label: str, measures: Sequence[str] | None = None) -> dict[str, Any]:
    rows = []
    for record in frame.to_dict("records"):
        row = {str(k): v for k, v in record.items()}
        if measures is not None and row.get("measure") not in measures:
            continue
        name = (t(f"cmp_measure_{row['measure']}", lang) if label == "measure"
                else str(row.get("name") or row.get("item") or ""))
        rows.append([name, *_cells(row, comparison, lang)])
    n = len(comparison.names)
    return {"title": title, "header": [first, *comparison.names], "align": ["l"] + ["r"] * n,
            "widths": [2.6] + [1.4] * n, "rows": rows, "empty": ""}


def _inputs(comparison: Comparison, lang: str) -> dict[str, Any]:
    shown = inputs_table(comparison, lang) if len(comparison.inputs) else pd.DataFrame()
    header = [str(c) for c in shown.columns]
    rows = [["-" if _missing(v) else str(v) for v in row] for row in shown.itertuples(index=False)]
    n = max(len(header) - len(comparison.names), 0)
    return {"title": t("pdfc_inputs", lang), "header": header,
            "align": ["l"] * len(header), "widths": [1.6] * n + [1.4] * len(comparison.names),
            "rows": rows, "empty": t("pdfc_inputs_same", lang)}


def comparison_data(comparison: Comparison, metas: Sequence[ExportMeta],
                    lang: str) -> dict[str, Any]:
    """Return every word and figure of the comparison PDF, as the Typst layout reads them."""
    c = comparison
    created = metas[0].created_at if metas else None
    when = (f"{created:%Y-%m-%d %H:%M} {created.tzname() or ''}".strip()
            if created is not None else "")
    members = [t("pdfc_member", lang, column=n, name=c.scenario_names.get(n, m.scenario_name),
                 version=(t("pdfc_version", lang, n=m.version) if m.version is not None
                          else t("pdfc_unsaved", lang)),
                 hash=m.content_hash[:12])
               for n, m in zip(c.names, metas, strict=True)]
    return {
        "lang": lang,
        "title": t("pdfc_title", lang),
        "subtitle": t("pdfc_subtitle", lang, baseline=c.baseline),
        "members": members,
        "footer": t("pdfc_footer", lang, names=", ".join(c.names), created=when),
        "page_word": t("pdfc_page", lang),
        "sections": [
            _table(t("pdfc_totals", lang), t("pdfc_measure", lang), c.outputs.totals, c, lang,
                   label="measure"),
            _table(t("pdfc_groups", lang), t("pdfc_group", lang), c.outputs.by_group, c, lang,
                   label="name", measures=["funded"]),
            _table(t("pdfc_sources", lang), t("pdfc_source", lang), c.outputs.by_source, c,
                   lang, label="name", measures=["spent"]),
            _inputs(c, lang),
        ],
    }
