"""The hearing hand-out: a solved plan as a PDF of one to three A4 pages.

What a budget hearing asks for, in the page's language: the headline figures; each worker group
before the cut, after it and the change; each source's budget line (pagu), cut, money available,
spent, left and the part that could be cut without losing a worker; the cut curve with its
breakpoints; the reasons in words and the warnings; and where it all comes from (the scenario's
name, version, content hash and date) on every page.

The layout is a Typst file (``handout/handout.typ``) compiled by the ``typst`` package; the cut
curve is a Vega-Lite chart rendered to SVG by ``vl-convert``. Every word and figure reaches Typst
as JSON data, never as markup, so names are printed as written whatever characters they hold.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.engine.provenance import basis_rows, reading_lines, rule_rows
from planner.engine.results import Message, Result, headline
from planner.engine.schema import Scenario
from planner.i18n import LANGS, register, t
from planner.money import count, percent, rupiah, rupiah_short, signed
from planner.store.excel import ExportMeta

if TYPE_CHECKING:
    from planner.analysis.sweep import Sweep

__all__ = ["export_handout"]

TEMPLATE = Path(__file__).resolve().parent / "handout" / "handout.typ"

# d3-format locales for the chart's axes (vl-convert knows no "id-ID" by name)
_FORMAT = {
    "id": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["Rp", ""]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["Rp", ""]},
}

register({
    "pdf_subtitle": {
        "id": "Tahun anggaran {year} · bahan rapat anggaran",
        "en": "Budget year {year} · hearing hand-out",
    },
    "pdf_footer": {
        "id": "{name} · {version} · hash {hash} · dibuat {created}",
        "en": "{name} · {version} · hash {hash} · made {created}",
    },
    "pdf_version": {"id": "versi {n}", "en": "version {n}"},
    "pdf_unsaved": {"id": "belum disimpan di pustaka", "en": "not saved in the library"},
    "pdf_page": {"id": "Halaman", "en": "Page"},
    "pdf_covered": {"id": "Pekerja dibiayai", "en": "Workers funded"},
    "pdf_covered_note": {"id": "dari {eligible} layak ({share})",
                         "en": "of {eligible} eligible ({share})"},
    "pdf_spent": {"id": "Belanja iuran", "en": "Premium spend"},
    "pdf_available": {"id": "Dana tersedia", "en": "Money available"},
    "pdf_available_note": {"id": "setelah pemotongan", "en": "after the cuts"},
    "pdf_unspent": {"id": "Sisa dana", "en": "Money left"},
    "pdf_unspent_note": {"id": "tidak cukup untuk satu pekerja lagi di mana pun ia boleh membayar",
                         "en": "not enough for one more worker wherever it may pay"},
    "pdf_groups": {"id": "Per kelompok pekerja", "en": "By worker group"},
    "pdf_sources": {"id": "Per sumber dana", "en": "By funding source"},
    "pdf_curve": {"id": "Kurva pemotongan", "en": "Cut curve"},
    "pdf_reasons": {"id": "Alasan", "en": "Reasons"},
    "pdf_warnings": {"id": "Peringatan", "en": "Warnings"},
    "pdf_basis": {"id": "Dasar angka", "en": "Basis of the figures"},
    "pdf_col_item": {"id": "Butir", "en": "Item"},
    "pdf_col_basis": {"id": "Dasar", "en": "Basis"},
    "pdf_col_note": {"id": "Catatan", "en": "Note"},
    "pdf_diagnosis": {"id": "Mengapa tidak layak", "en": "Why it is infeasible"},
    "pdf_shortfalls": {"id": "Mandat yang tidak terpenuhi", "en": "Mandates not met"},
    "pdf_infeasible": {
        "id": "Skenario ini tidak layak: mandatnya tidak bisa dipenuhi dengan dana ini.",
        "en": "This scenario is infeasible: its mandates cannot be met with this money.",
    },
    "pdf_relaxed": {
        "id": "Skenario ini tidak layak. Angka di bawah adalah rencana terdekat, yang TIDAK "
              "memenuhi mandat yang disebut (kurang {workers} pekerja).",
        "en": "This scenario is infeasible. The figures below are the nearest plan, which does "
              "NOT meet the mandates named ({workers} workers short).",
    },
    "pdf_total": {"id": "Jumlah", "en": "Total"},
    "pdf_col_group": {"id": "Kelompok", "en": "Group"},
    "pdf_col_source": {"id": "Sumber dana", "en": "Funding source"},
    "pdf_col_region": {"id": "Wilayah", "en": "Region"},
    "pdf_col_eligible": {"id": "Layak", "en": "Eligible"},
    "pdf_col_before": {"id": "Sebelum", "en": "Before"},
    "pdf_col_after": {"id": "Sesudah", "en": "After"},
    "pdf_col_change": {"id": "Perubahan", "en": "Change"},
    "pdf_col_funded": {"id": "Dibiayai", "en": "Funded"},
    "pdf_col_share": {"id": "Cakupan", "en": "Coverage"},
    "pdf_col_cost": {"id": "Biaya", "en": "Cost"},
    "pdf_col_budget": {"id": "Pagu", "en": "Budget line"},
    "pdf_col_cut": {"id": "Potong", "en": "Cut"},
    "pdf_col_available": {"id": "Tersedia", "en": "Available"},
    "pdf_col_spent": {"id": "Terpakai", "en": "Spent"},
    "pdf_col_left": {"id": "Sisa", "en": "Left"},
    "pdf_col_spare": {"id": "Bisa dipotong", "en": "Spare"},
    "pdf_col_workers": {"id": "Pekerja", "en": "Workers"},
    "pdf_col_short": {"id": "Kurang", "en": "Short"},
    "pdf_before_against_no_cut": {
        "id": "Sebelum: skenario yang sama tanpa pemotongan.",
        "en": "Before: the same scenario with no cut.",
    },
    "pdf_spare_note": {
        "id": "Bisa dipotong: dana yang dapat dipotong dari sumber itu tanpa mengurangi satu "
              "pekerja pun, dengan sumber lain tetap.",
        "en": "Spare: money that could be cut from that source without losing a worker, the "
              "other sources unchanged.",
    },
    "pdf_axis_cut": {"id": "Pemotongan semua sumber yang tidak dilindungi",
                     "en": "Cut of every unprotected source"},
    "pdf_axis_covered": {"id": "Pekerja dibiayai", "en": "Workers funded"},
    "pdf_series_plan": {"id": "Rencana", "en": "Plan"},
    "pdf_series_relaxed": {"id": "Rencana terdekat (mandat tidak terpenuhi)",
                           "en": "Nearest plan (mandates not met)"},
    "pdf_series_unprotected": {"id": "Tanpa perlindungan", "en": "Without protection"},
    "pdf_max_cut": {
        "id": "Pemotongan terbesar yang masih memenuhi semua mandat: {cut}.",
        "en": "Largest cut that still meets every mandate: {cut}.",
    },
    "pdf_max_cut_none": {"id": "Mandat tidak terpenuhi bahkan tanpa pemotongan.",
                         "en": "The mandates cannot be met even without a cut."},
})


def export_handout(result: Result, meta: ExportMeta, lang: str = "id",
                   curve: Sweep | None = None) -> bytes:
    """Return the hearing hand-out of a solved plan as PDF bytes.

    Parameters
    ----------
    result
        The plan, from :func:`planner.pipeline.run` (with ``changes`` for the before/after
        columns). An infeasible scenario is printed with its diagnosis and, when there is one,
        its nearest plan, marked on the first page as not meeting the mandates it names.
    meta
        Where the plan comes from: scenario name, version, content hash, time (with its zone).
    lang
        ``"id"`` (default) or ``"en"``.
    curve
        The cut curve (:func:`planner.analysis.sweep.sweep`), drawn with its breakpoints;
        ``None`` leaves the chart out.

    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}")
    import typst

    inputs = {"data": json.dumps(handout_data(result, meta, lang, curve), ensure_ascii=False)}
    if curve is not None:
        inputs["chart"] = _curve_svg(curve, lang)
    pdf: bytes = typst.compile(str(TEMPLATE), sys_inputs=inputs)
    return pdf


def handout_data(result: Result, meta: ExportMeta, lang: str,
                 curve: Sweep | None = None) -> dict[str, Any]:
    """Return every word and figure of the hand-out, as the Typst layout reads them."""
    plan = result if result.ok else result.relaxed
    scenario = result.scenario
    created = _when(meta.created_at)
    version = (t("pdf_version", lang, n=meta.version) if meta.version is not None
               else t("pdf_unsaved", lang))
    data: dict[str, Any] = {
        "lang": lang,
        "title": meta.scenario_name,
        "author": meta.author or "",
        "subtitle": t("pdf_subtitle", lang, year=scenario.year),
        "footer": t("pdf_footer", lang, name=meta.scenario_name, version=version,
                    hash=meta.content_hash[:12], created=created),
        "page_word": t("pdf_page", lang),
        "alert": None,
        "headline": [],
        "sentence": "",
        "sections": [],
    }
    sections: list[dict[str, Any]] = data["sections"]
    if plan is None:
        data["alert"] = t("pdf_infeasible", lang)
    elif plan is not result:
        short = sum(s["workers"] for s in result.shortfalls)
        data["alert"] = t("pdf_relaxed", lang, workers=count(short, lang))
    if plan is not None:
        data["headline"] = _headline(plan, lang)
        data["sentence"] = _sentence(result, lang)
        if plan is not result:
            sections.append(_section("pdf_shortfalls", lang, table=_shortfalls(result, lang)))
        sections.append(_section("pdf_groups", lang, table=_groups(plan, lang),
                                 note=t("pdf_before_against_no_cut", lang)
                                 if plan.changes else None))
        sections.append(_section("pdf_sources", lang, table=_sources(plan, lang),
                                 note=t("pdf_spare_note", lang)))
    if curve is not None:
        sections.append({**_section("pdf_curve", lang, items=_curve_notes(curve, lang)),
                         "kind": "chart", "chart": "chart"})
    if result.diagnosis:
        sections.append(_section("pdf_diagnosis", lang, items=_texts(result.diagnosis, lang)))
    reasons = (plan or result).explanations
    if reasons:
        sections.append(_section("pdf_reasons", lang, items=_texts(reasons, lang)))
    if result.warnings:
        sections.append(_section("pdf_warnings", lang, items=_texts(result.warnings, lang)))
    sections.append({**_section("pdf_basis", lang, table=_basis(scenario, lang),
                                note=" ".join(reading_lines(scenario.policy, scenario, lang))
                                or None), "small": True})
    return data


def _basis(scenario: Scenario, lang: str) -> dict[str, Any]:
    """Where each figure comes from: groups and sources (illustrative ones marked), then rules."""
    rows = [[item, basis, note] for item, basis, note in
            [*basis_rows(scenario, lang), *rule_rows(scenario, lang)]]
    head = ["pdf_col_item", "pdf_col_basis", "pdf_col_note"]
    return _table([t(h, lang) for h in head], "lll", [2.2, 3.0, 1.3], rows)


def _when(moment: datetime) -> str:
    zone = moment.tzname() if moment.tzinfo else ""
    return f"{moment:%Y-%m-%d %H:%M} {zone}".strip()


def _section(title: str, lang: str, *, table: dict[str, Any] | None = None,
             items: list[str] | None = None, note: str | None = None) -> dict[str, Any]:
    kind = "table" if table is not None else "list" if items is not None else "text"
    return {"title": t(title, lang), "kind": kind, "table": table, "items": items or [],
            "note": note}


def _texts(messages: Sequence[Message], lang: str) -> list[str]:
    return [m.text(lang) for m in messages]


def _headline(plan: Result, lang: str) -> list[list[str]]:
    words = headline(plan, lang)
    eligible = int(plan.by_group["eligible"].sum())
    share = plan.covered_workers / eligible if eligible else None
    available = int(plan.by_source["available"].sum())
    return [
        [t("pdf_covered", lang), words["covered"],
         t("pdf_covered_note", lang, eligible=count(eligible, lang), share=percent(share, lang))],
        [t("pdf_spent", lang), words["spent"], words["spent_full"]],
        [t("pdf_available", lang), rupiah_short(available, lang), t("pdf_available_note", lang)],
        [t("pdf_unspent", lang), words["unspent"],
         rupiah(int(plan.by_source["unspent"].sum()), lang)],
    ]


def _sentence(result: Result, lang: str) -> str:
    """Return the sentence that says what the cut costs and to whom, when there is a cut."""
    plan = result if result.ok else result.relaxed
    for m in (plan.explanations if plan is not None else []):
        if m.code in ("cut_cost", "cuts_cost"):
            return m.text(lang)
    return ""


def _table(header: list[str], align: str, widths: list[float], rows: list[list[str]],
           strong_last: bool = False) -> dict[str, Any]:
    # a figure never breaks across lines ("Rp7,65 miliar" stays whole)
    rows = [[v.replace(" ", "\u00a0") if a == "r" else v for v, a in zip(row, align, strict=True)]
            for row in rows]
    return {"header": header, "align": list(align), "widths": widths, "rows": rows,
            "strong_last": strong_last}


def _groups(plan: Result, lang: str) -> dict[str, Any]:
    """One row per group: eligible, before/after/change when a cut is measured, share, cost."""
    changes = {g["id"]: g for g in (plan.changes or {}).get("groups", [])}
    head = ["pdf_col_group", "pdf_col_eligible"]
    head += ["pdf_col_before", "pdf_col_after", "pdf_col_change"] if changes else \
        ["pdf_col_funded"]
    head += ["pdf_col_share", "pdf_col_cost"]
    rows = []
    for g in plan.by_group.to_dict("records"):
        row = [str(g["name"] or g["group"]), count(int(g["eligible"]), lang)]
        if changes:
            c = changes.get(str(g["group"]), {"before": g["funded"], "change": 0})
            row += [count(int(c["before"]), lang), count(int(g["funded"]), lang),
                    signed(int(c["change"]), lang)]
        else:
            row.append(count(int(g["funded"]), lang))
        row += [percent(float(g["share"]), lang), rupiah_short(int(g["cost"]), lang)]
        rows.append(row)
    total = plan.by_group
    eligible = int(total["eligible"].sum())
    funded = int(total["funded"].sum())
    last = [t("pdf_total", lang), count(eligible, lang)]
    if changes:
        last += [count(int(sum(c["before"] for c in changes.values())), lang),
                 count(funded, lang),
                 signed(int(sum(c["change"] for c in changes.values())), lang)]
    else:
        last.append(count(funded, lang))
    last += [percent(int(total["covered"].sum()) / eligible if eligible else None, lang),
             rupiah_short(int(total["cost"].sum()), lang)]
    rows.append(last)
    n = len(head)
    return _table([t(h, lang) for h in head], "l" + "r" * (n - 1), [3.2] + [1.0] * (n - 1),
                  rows, strong_last=True)


def _sources(plan: Result, lang: str) -> dict[str, Any]:
    """One row per source: pagu, cut, available, spent, left, spare."""
    head = ["pdf_col_source", "pdf_col_budget", "pdf_col_cut", "pdf_col_available",
            "pdf_col_spent", "pdf_col_left", "pdf_col_spare"]
    s = plan.by_source
    rows = [[str(r["name"] or r["source"]), rupiah_short(int(r["budget"]), lang),
             percent(float(r["cut"]), lang), rupiah_short(int(r["available"]), lang),
             rupiah_short(int(r["spent"]), lang), rupiah_short(int(r["unspent"]), lang),
             rupiah_short(int(r["spare"]), lang)]
            for r in s.to_dict("records")]
    rows.append([t("pdf_total", lang), rupiah_short(int(s["budget"].sum()), lang), "",
                 rupiah_short(int(s["available"].sum()), lang),
                 rupiah_short(int(s["spent"].sum()), lang),
                 rupiah_short(int(s["unspent"].sum()), lang), ""])
    return _table([t(h, lang) for h in head], "lrrrrrr", [3.0, 1.1, 0.7, 1.1, 1.1, 1.0, 1.0],
                  rows, strong_last=True)


def _shortfalls(result: Result, lang: str) -> dict[str, Any]:
    names = dict(zip(result.by_group["group"], result.by_group["name"], strict=True))
    regions = {r.id: r.name or r.id for r in result.scenario.regions}
    rows = [[str(names.get(s["group"]) or s["group"]), str(regions.get(s["region"], s["region"])),
             count(s["workers"], lang), rupiah_short(s["cost"], lang)]
            for s in result.shortfalls]
    head = ["pdf_col_group", "pdf_col_region", "pdf_col_short", "pdf_col_cost"]
    return _table([t(h, lang) for h in head], "llrr", [3.0, 2.0, 1.0, 1.2], rows)


def _curve_notes(curve: Sweep, lang: str) -> list[str]:
    notes = [b.message().text(lang) for b in curve.breakpoints]
    cut = curve.max_feasible_cut
    notes.append(t("pdf_max_cut", lang, cut=percent(cut, lang)) if cut is not None
                 else t("pdf_max_cut_none", lang))
    return notes


def _curve_svg(curve: Sweep, lang: str) -> str:
    """Draw the cut curve as SVG: the plan, the nearest plan past the mandates, the breakpoints."""
    import vl_convert

    plan, relaxed, free = (t(k, lang) for k in ("pdf_series_plan", "pdf_series_relaxed",
                                                 "pdf_series_unprotected"))
    values: list[dict[str, Any]] = []
    for p in curve.points:
        if p.status == "optimal":
            values.append({"cut": p.cut, "covered": p.covered_workers, "series": plan})
        elif p.relaxed_covered is not None:
            values.append({"cut": p.cut, "covered": p.relaxed_covered, "series": relaxed})
    for u in curve.unprotected or []:
        if u.status == "optimal":
            values.append({"cut": u.cut, "covered": u.covered_workers, "series": free})
    series = [s for s in (plan, relaxed, free) if any(v["series"] == s for v in values)]
    rules = [{"cut": b.cut} for b in curve.breakpoints]
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": 480, "height": 150,
        "config": {"font": "Liberation Sans", "axis": {"labelFontSize": 10, "titleFontSize": 10},
                   "legend": {"labelFontSize": 10, "labelLimit": 400}},
        "layer": [
            {"data": {"values": rules}, "mark": {"type": "rule", "color": "#999",
                                                  "strokeDash": [2, 2]},
             "encoding": {"x": {"field": "cut", "type": "quantitative"}}},
            {"data": {"values": values},
             "mark": {"type": "line", "point": {"size": 18}},
             "encoding": {
                 "x": {"field": "cut", "type": "quantitative", "title": t("pdf_axis_cut", lang),
                       "axis": {"format": ".0%"}},
                 "y": {"field": "covered", "type": "quantitative",
                       "title": t("pdf_axis_covered", lang), "axis": {"format": ",d"}},
                 "color": {"field": "series", "type": "nominal", "sort": series,
                           "legend": {"orient": "bottom", "title": None, "direction": "horizontal"},
                           "scale": {"domain": series,
                                     "range": ["#1f5fa8", "#c0392b", "#7f8c8d"][:len(series)]}},
                 "strokeDash": {"field": "series", "type": "nominal", "sort": series,
                                "scale": {"domain": series,
                                          "range": [[1, 0], [5, 3], [1, 2]][:len(series)]},
                                "legend": None},
             }},
        ],
    }
    svg: str = vl_convert.vegalite_to_svg(spec, format_locale=_FORMAT[lang])
    return svg
