"""Compare scenarios: the inputs that differ and the plans side by side, with differences.

:func:`compare` takes 2 to 10 solved :class:`~planner.results.Result` objects and builds a
:class:`Comparison` once; the CLI, the app and the Excel export all read its tables.

Table shapes (pandas, built here and nowhere else):

``inputs``
    One row per input item whose value is not the same in every scenario. Identifying columns
    ``item`` (``"scenario"``, ``"policy"``, ``"source:<id>"``, ``"group:<id>"``,
    ``"region:<id>"``), ``name`` (the group's, source's or region's name), ``field`` (the scenario
    file's field name; ``eligible[<region>]`` and ``covered_elsewhere[<region>]`` per region,
    ``unit_cost[<source>]`` for the yearly cost of one worker of the group when that source pays)
    and ``unit``; then one column per scenario holding the value as the file gives it (object
    dtype). ``None`` means the item is missing from that scenario (a group, source or region it
    does not have, or a per-region figure of a scenario without regions).
``outputs.by_group``, ``outputs.by_source``, ``outputs.totals``
    One row per (item, measure): identifying columns ``item`` (group id, source id, or
    ``"total"``), ``name``, ``measure`` and ``unit``; then, scenario by scenario, a column named
    after the scenario with its value and, for every scenario but the baseline, a column
    ``"<name> Δ"`` with the value minus the baseline's. Values are floats (whole rupiah stay exact
    below 2**53, about Rp9,000 trillion); NaN is missing (a group or source the scenario does not
    have, or a scenario without a plan); a share's difference is in share points (-0.2 is -20 pp).
    ``totals`` also holds the ``status`` row (text; its difference is NaN), so its value columns
    have object dtype.

Every table keeps ``attrs["unit"]`` (measure or field -> unit) and ``attrs["baseline"]``. Money
available after cuts (``available``) is shown even for a scenario without a plan: it follows from
the inputs alone.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

import pandas as pd

from planner.i18n import LANGS, TEXT, register, t
from planner.money import count, number, percent, rupiah, rupiah_short
from planner.results import Message, Result
from planner.schema import ALL, Group, Policy, PremiumRule, Scenario, Source

__all__ = [
    "DELTA",
    "MAX_SCENARIOS",
    "MIN_SCENARIOS",
    "Comparison",
    "OutputTables",
    "compare",
    "differing_inputs",
    "unique_names",
]

MIN_SCENARIOS: Final = 2
MAX_SCENARIOS: Final = 10
DELTA: Final = " Δ"  # suffix of a difference column: "<name> Δ"

INPUT_KEYS: Final = ("item", "name", "field", "unit")
OUTPUT_KEYS: Final = ("item", "name", "measure", "unit")
CSV_COLUMNS: Final = ("section", "item", "name", "field", "unit", "scenario", "value", "difference")
_RESERVED: Final = frozenset(INPUT_KEYS + OUTPUT_KEYS)

GROUP_MEASURES: Final = {"funded": "workers", "covered": "workers", "share": "share", "cost": "Rp"}
SOURCE_MEASURES: Final = {"available": "Rp", "spent": "Rp", "unspent": "Rp", "workers": "workers"}
TOTAL_MEASURES: Final = {"status": "", "covered_workers": "workers", "bound_covered": "workers",
                         "total_cost": "Rp", "available": "Rp", "unspent": "Rp"}
_WITHOUT_PLAN: Final = frozenset({"available", "status"})  # known when there is no plan

FIELD_UNITS: Final = {
    "year": "", "objective": "", "global_cut": "share", "target_covered": "workers",
    "min_region_share": "share", "funding_rules": "", "premium_discounts": "", "name": "",
    "kind": "", "budget": "Rp", "cut": "share", "protected": "", "groups": "", "regions": "",
    "eligible": "workers", "covered_elsewhere": "workers", "premium": "",
    "unit_cost": "Rp/worker", "months": "months", "start_month": "", "sector": "", "tags": "",
    "weight": "", "min_share": "share", "max_share": "share",
}
_WHOLE_UNITS: Final = frozenset({"Rp", "Rp/worker", "workers", "months"})
# kinds of source by the names budget documents give them, the same in both languages
_KIND_NAMES: Final = {"apbd": "APBD", "apbdes": "APBDes", "dbh_sawit": "DBH sawit", "csr": "CSR",
                      "zakat": "zakat"}

register(
    {
        "cmp_title": {"id": "Perbandingan skenario", "en": "Scenario comparison"},
        "cmp_baseline_line": {"id": "Pembanding: {name}", "en": "Baseline: {name}"},
        "cmp_is_baseline": {"id": "{name} (pembanding)", "en": "{name} (baseline)"},
        "cmp_diff": {"id": "selisih {name}", "en": "diff. {name}"},
        "cmp_points": {"id": "{value} poin", "en": "{value} pp"},
        "cmp_yes": {"id": "ya", "en": "yes"},
        "cmp_no": {"id": "tidak", "en": "no"},
        "cmp_status_optimal": {"id": "rencana optimal", "en": "optimal plan"},
        "cmp_status_infeasible": {"id": "tidak layak", "en": "infeasible"},
        "cmp_status_error": {"id": "gagal", "en": "failed"},
        "cmp_col_scenario": {"id": "Skenario", "en": "Scenario"},
        "cmp_col_scenario_name": {"id": "Nama di berkas", "en": "Name in the file"},
        "cmp_col_status": {"id": "Hasil", "en": "Outcome"},
        "cmp_col_item": {"id": "Bagian", "en": "Item"},
        "cmp_col_field": {"id": "Isian", "en": "Field"},
        "cmp_col_measure": {"id": "Ukuran", "en": "Measure"},
        "cmp_col_group": {"id": "Kelompok", "en": "Group"},
        "cmp_col_source": {"id": "Sumber dana", "en": "Funding source"},
        "cmp_section_totals": {"id": "Ringkasan", "en": "Totals"},
        "cmp_section_inputs": {"id": "Masukan yang berbeda", "en": "Inputs that differ"},
        "cmp_no_input_diff": {"id": "Semua masukan sama.", "en": "All inputs are the same."},
        "cmp_section_by_group": {"id": "Per kelompok pekerja - {measure}",
                                 "en": "By worker group - {measure}"},
        "cmp_section_by_source": {"id": "Per sumber dana - {measure}",
                                  "en": "By funding source - {measure}"},
        "cmp_section_diagnosis": {"id": "Mengapa tidak ada rencana",
                                  "en": "Why there is no plan"},
        "cmp_legend": {
            "id": "'-' berarti tidak ada (tidak ada di skenario itu, atau skenario tanpa rencana); "
            "selisih = nilai dikurangi nilai pembanding; poin = poin persentase",
            "en": "'-' means missing (not in that scenario, or a scenario without a plan); "
            "diff. = value minus the baseline's; pp = percentage points",
        },
        "cmp_item_scenario": {"id": "Skenario", "en": "Scenario"},
        "cmp_item_policy": {"id": "Kebijakan", "en": "Policy"},
        "cmp_item_group": {"id": "Kelompok: {name}", "en": "Group: {name}"},
        "cmp_item_source": {"id": "Sumber: {name}", "en": "Source: {name}"},
        "cmp_item_region": {"id": "Wilayah: {name}", "en": "Region: {name}"},
        "cmp_measure_funded": {"id": "Dibiayai", "en": "Funded"},
        "cmp_measure_covered": {"id": "Terlindungi", "en": "Covered"},
        "cmp_measure_share": {"id": "Cakupan", "en": "Share covered"},
        "cmp_measure_cost": {"id": "Biaya", "en": "Cost"},
        "cmp_measure_available": {"id": "Dana tersedia", "en": "Money available"},
        "cmp_measure_spent": {"id": "Terpakai", "en": "Spent"},
        "cmp_measure_unspent": {"id": "Sisa dana", "en": "Money left"},
        "cmp_measure_workers": {"id": "Pekerja dibayar", "en": "Workers paid for"},
        "cmp_measure_status": {"id": "Status hasil", "en": "Status"},
        "cmp_measure_covered_workers": {"id": "Pekerja dibiayai", "en": "Workers funded"},
        "cmp_measure_bound_covered": {"id": "Batas atas pekerja", "en": "Upper bound on workers"},
        "cmp_measure_total_cost": {"id": "Belanja", "en": "Spend"},
        "cmp_field_year": {"id": "Tahun anggaran", "en": "Budget year"},
        "cmp_field_objective": {"id": "Tujuan", "en": "Objective"},
        "cmp_field_global_cut": {"id": "Pemotongan global", "en": "Global cut"},
        "cmp_field_target_covered": {"id": "Target pekerja", "en": "Target workers"},
        "cmp_field_min_region_share": {"id": "Cakupan minimum per wilayah",
                                       "en": "Minimum share per region"},
        "cmp_field_funding_rules": {"id": "Aturan pendanaan", "en": "Funding rules"},
        "cmp_field_premium_discounts": {"id": "Diskon iuran", "en": "Premium discounts"},
        "cmp_field_name": {"id": "Nama", "en": "Name"},
        "cmp_field_kind": {"id": "Jenis sumber", "en": "Source kind"},
        "cmp_field_budget": {"id": "Anggaran", "en": "Budget"},
        "cmp_field_cut": {"id": "Pemotongan sendiri", "en": "Own cut"},
        "cmp_field_protected": {"id": "Dilindungi dari pemotongan", "en": "Protected from cuts"},
        "cmp_field_groups": {"id": "Kelompok yang boleh dibayar", "en": "Groups it may pay for"},
        "cmp_field_regions": {"id": "Wilayah yang boleh dibayar", "en": "Regions it may pay for"},
        "cmp_field_eligible": {"id": "Pekerja layak", "en": "Eligible workers"},
        "cmp_field_covered_elsewhere": {"id": "Dicakup pihak lain", "en": "Covered elsewhere"},
        "cmp_field_premium": {"id": "Iuran", "en": "Premium"},
        "cmp_field_unit_cost": {"id": "Biaya per pekerja", "en": "Cost per worker"},
        "cmp_field_months": {"id": "Lama perlindungan (bulan)", "en": "Months of cover"},
        "cmp_field_start_month": {"id": "Bulan mulai", "en": "Start month"},
        "cmp_field_sector": {"id": "Sektor", "en": "Sector"},
        "cmp_field_tags": {"id": "Tanda", "en": "Tags"},
        "cmp_field_weight": {"id": "Bobot", "en": "Weight"},
        "cmp_field_min_share": {"id": "Mandat (porsi minimum)", "en": "Mandate (minimum share)"},
        "cmp_field_max_share": {"id": "Batas atas (porsi)", "en": "Ceiling (maximum share)"},
        "cmp_value_all": {"id": "semua", "en": "all"},
        "cmp_value_objective_max_covered": {"id": "pekerja sebanyak mungkin",
                                            "en": "as many workers as possible"},
        "cmp_value_objective_max_worker_months": {"id": "bulan perlindungan sebanyak mungkin",
                                                  "en": "as many worker-months as possible"},
        "cmp_value_objective_min_cost": {"id": "biaya terkecil untuk target",
                                         "en": "least cost for the target"},
        "cmp_value_funding_rules_strict": {"id": "ketat", "en": "strict"},
        "cmp_value_funding_rules_off": {"id": "tidak diterapkan", "en": "not applied"},
        "cmp_value_kind_province": {"id": "provinsi", "en": "province"},
        "cmp_value_kind_other": {"id": "lainnya", "en": "other"},
        "cmp_value_sector_transport": {"id": "transportasi", "en": "transport"},
        "cmp_value_sector_other": {"id": "lainnya", "en": "other"},
        "cmp_value_tag_village_apparatus": {"id": "aparatur desa", "en": "village apparatus"},
        "cmp_value_tag_palm_plantation": {"id": "perkebunan sawit", "en": "palm plantation"},
        "cmp_premium_monthly": {"id": "{amount} per bulan", "en": "{amount} a month"},
        "cmp_premium_bpu": {"id": "BPU, penghasilan {income}, {programmes}",
                            "en": "BPU, declared income {income}, {programmes}"},
        "cmp_premium_wage": {"id": "upah {wage}, kelas risiko JKK {jkk_class}, {programmes}",
                             "en": "wage {wage}, JKK risk class {jkk_class}, {programmes}"},
    }
)


class _Missing:
    """Marks an item a scenario does not have (distinct from a field set to ``None``)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()


@dataclass(frozen=True, eq=False)
class OutputTables:
    """The plans side by side: per group, per source and in total (shapes in the module doc)."""

    by_group: pd.DataFrame
    by_source: pd.DataFrame
    totals: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """Return the three tables by their stable names, in reading order (totals first)."""
        return {"totals": self.totals, "by_group": self.by_group, "by_source": self.by_source}


@dataclass(frozen=True, eq=False)
class Comparison:
    """Scenarios compared: the inputs that differ and the outputs beside the baseline's.

    Attributes
    ----------
    names
        The scenarios' names as columns, unique, in the order given.
    baseline
        The name of the scenario the differences are taken against.
    statuses
        ``{name: "optimal" | "infeasible" | "error"}``.
    scenario_names
        ``{name: the scenario's own name}``, for when ``names`` were given.
    inputs
        The inputs that differ (see the module doc for its shape).
    outputs
        ``by_group``, ``by_source`` and ``totals`` side by side with differences.
    diagnosis
        ``{name: messages}`` explaining each scenario without a plan.
    item_names
        ``{"group:<id>" | "source:<id>" | "region:<id>": name}`` over every scenario, so the
        words name groups, sources and regions rather than their ids.

    """

    names: tuple[str, ...]
    baseline: str
    statuses: dict[str, str]
    scenario_names: dict[str, str]
    inputs: pd.DataFrame
    outputs: OutputTables
    diagnosis: dict[str, tuple[Message, ...]]
    item_names: dict[str, str] = dataclasses.field(default_factory=dict)

    def to_json(self, lang: str = "id") -> dict[str, Any]:
        """Return the comparison as plain JSON data: English keys, figures unformatted.

        Parameters
        ----------
        lang
            Language of the ``label`` and diagnosis words (``"id"`` or ``"en"``).

        Returns
        -------
        dict
            ``names``, ``baseline``, ``statuses``, ``scenarios`` (name, scenario, status,
            baseline), ``inputs`` (rows of item, name, field, unit, label, values), ``outputs``
            (``totals``, ``by_group``, ``by_source``: rows of item, name, measure, unit, label,
            values, differences) and ``diagnosis``. ``values`` and ``differences`` map a scenario
            name to a number, text or ``null`` (missing); ``differences`` leaves out the baseline.

        """
        _check_lang(lang)
        return {
            "names": list(self.names),
            "baseline": self.baseline,
            "statuses": dict(self.statuses),
            "scenarios": [
                {"name": n, "scenario": self.scenario_names[n], "status": self.statuses[n],
                 "baseline": n == self.baseline}
                for n in self.names
            ],
            "inputs": [
                {**{k: row[k] for k in INPUT_KEYS}, "label": _field_label(row["field"], lang),
                 "values": {n: _plain(row[n], row["unit"]) for n in self.names}}
                for row in _records(self.inputs)
            ],
            "outputs": {
                section: [
                    {**{k: row[k] for k in OUTPUT_KEYS},
                     "label": t(f"cmp_measure_{row['measure']}", lang),
                     "values": {n: _plain(row[n], row["unit"]) for n in self.names},
                     "differences": {n: _plain(row[n + DELTA], row["unit"])
                                     for n in self._others}}
                    for row in _records(df)
                ]
                for section, df in self.outputs.tables().items()
            },
            "diagnosis": {n: [m.to_json(lang) for m in msgs] for n, msgs in self.diagnosis.items()},
        }

    def to_csv(self) -> str:
        """Write the comparison as one CSV in long format, for a spreadsheet.

        Returns
        -------
        str
            A header ``section,item,name,field,unit,scenario,value,difference`` and one line per
            table row and scenario. ``section`` is ``inputs``, ``totals``, ``by_group`` or
            ``by_source``; ``field`` is the input field or the output measure. Numbers are plain
            (``30415000000``, ``0.5``); missing is empty; ``difference`` is the value minus the
            baseline's, empty for the baseline and for inputs. Write it with encoding
            ``utf-8-sig`` for Excel to read names with accents.

        """
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for row in _records(self.inputs):
            for n in self.names:
                writer.writerow([
                    "inputs", row["item"], row["name"], row["field"], row["unit"], n,
                    _csv_cell(row[n], row["unit"]), "",
                ])
        for section, df in self.outputs.tables().items():
            for row in _records(df):
                for n in self.names:
                    diff = row[n + DELTA] if n != self.baseline else None
                    writer.writerow([
                        section, row["item"], row["name"], row["measure"], row["unit"], n,
                        _csv_cell(row[n], row["unit"]), _csv_cell(diff, row["unit"]),
                    ])
        return buffer.getvalue()

    def inputs_table(self, lang: str = "id") -> pd.DataFrame:
        """Return the inputs that differ as people read them, in ``lang``.

        Parameters
        ----------
        lang
            ``"id"`` (default) or ``"en"``.

        Returns
        -------
        pandas.DataFrame
            Text only, one row per row of ``inputs``: the item (``Sumber: APBD ...``), the
            field's label (``Anggaran``; a per-region or per-source field names the region or
            the source), then one column per scenario with its value written for people
            (``Rp30,24 miliar``, ``25,0%``, ``12.500``, ``ya``, names rather than ids; ``-`` when
            the scenario does not have the item). Headers: ``cmp_col_item``, ``cmp_col_field``
            and the scenario names.

        """
        _check_lang(lang)
        rows = []
        for row in _records(self.inputs):
            words = [self._input_words(row["field"], row[n], row["unit"], lang)
                     for n in self.names]
            given = {row[n] for n in self.names if not _is_missing(row[n])}
            shown = {w for w in words if w != "-"}
            if row["unit"] in ("Rp", "share") and len(shown) < len(given):
                # the short forms hide a difference (Rp30,24 miliar both): write them in full
                words = [_exact(row[n], row["unit"], lang) for n in self.names]
            rows.append([_item_label(row["item"], row["name"], lang),
                         self._field_words(row["field"], lang), *words])
        return pd.DataFrame(
            rows, columns=[t("cmp_col_item", lang), t("cmp_col_field", lang), *self.names],
            dtype=object,
        )

    def _field_words(self, field: str, lang: str) -> str:
        base, _, rest = field.partition("[")
        label = t(f"cmp_field_{base}", lang)
        if not rest:
            return label
        kind = "source" if base == "unit_cost" else "region"
        item_id = rest.removesuffix("]")
        name = self.item_names.get(f"{kind}:{item_id}", item_id)
        return f"{label} ({name})"

    def _input_words(self, field: str, value: Any, unit: str, lang: str) -> str:
        if _is_missing(value) or isinstance(value, bool) or unit:
            return _format(value, unit, lang)
        if field == "kind" and value in _KIND_NAMES:
            return _KIND_NAMES[value]
        if field in ("objective", "funding_rules", "kind", "sector"):
            return t(f"cmp_value_{field}_{value}", lang)
        if field in ("groups", "regions"):
            if value == ALL:
                return t("cmp_value_all", lang)
            kind = field.removesuffix("s")
            return ", ".join(self.item_names.get(f"{kind}:{x}", x) for x in value.split(", "))
        if field == "premium":
            return _premium_words(str(value), lang)
        if field == "tags" and value:
            return ", ".join(t(f"cmp_value_tag_{x}", lang) if f"cmp_value_tag_{x}" in TEXT else x
                             for x in value.split(", "))
        return _format(value, unit, lang)

    def render_text(self, lang: str = "id") -> str:
        """Render the comparison as tables for a terminal, in Indonesian (default) or English.

        Money is written as budget documents say it (``Rp30,24 miliar``), head-counts with
        thousands separators, shares as percentages and their differences in percentage points.
        """
        _check_lang(lang)
        out = [t("cmp_title", lang), t("cmp_baseline_line", lang, name=self.baseline), ""]
        out.append(_table(
            [t("cmp_col_scenario", lang), t("cmp_col_scenario_name", lang),
             t("cmp_col_status", lang)],
            [[t("cmp_is_baseline", lang, name=n) if n == self.baseline else n,
              self.scenario_names[n], t(f"cmp_status_{self.statuses[n]}", lang)]
             for n in self.names],
            numeric_from=3,
        ))
        out += ["", t("cmp_section_totals", lang)]
        out.append(self._render_measures(self.outputs.totals, lang))
        out += ["", t("cmp_section_inputs", lang)]
        out.append(self._render_inputs(lang) if len(self.inputs) else t("cmp_no_input_diff", lang))
        for key, df, column in (("by_group", self.outputs.by_group, "cmp_col_group"),
                                ("by_source", self.outputs.by_source, "cmp_col_source")):
            for measure in dict.fromkeys(df["measure"]):
                title = t(f"cmp_section_{key}", lang, measure=t(f"cmp_measure_{measure}", lang))
                out += ["", title]
                out.append(self._render_items(df[df["measure"] == measure], t(column, lang), lang))
        lines = [f"- {n}: {m.text(lang)}" for n, msgs in self.diagnosis.items() for m in msgs]
        if lines:
            out += ["", t("cmp_section_diagnosis", lang), *lines]
        out += ["", t("cmp_legend", lang)]
        return "\n".join(out) + "\n"

    @property
    def _others(self) -> tuple[str, ...]:
        return tuple(n for n in self.names if n != self.baseline)

    def _value_headers(self, lang: str) -> list[str]:
        out = []
        for n in self.names:
            out.append(n)
            if n != self.baseline:
                out.append(t("cmp_diff", lang, name=n))
        return out

    def _value_cells(self, row: dict[str, Any], lang: str) -> list[str]:
        out = []
        for n in self.names:
            out.append(_format(row[n], row["unit"], lang, row["measure"]))
            if n != self.baseline:
                out.append(_format_delta(row[n + DELTA], row["unit"], lang))
        return out

    def _render_measures(self, df: pd.DataFrame, lang: str) -> str:
        return _table(
            [t("cmp_col_measure", lang), *self._value_headers(lang)],
            [[t(f"cmp_measure_{row['measure']}", lang), *self._value_cells(row, lang)]
             for row in _records(df)],
        )

    def _render_items(self, df: pd.DataFrame, header: str, lang: str) -> str:
        return _table(
            [header, *self._value_headers(lang)],
            [[row["name"], *self._value_cells(row, lang)] for row in _records(df)],
        )

    def _render_inputs(self, lang: str) -> str:
        return _table(
            [t("cmp_col_item", lang), t("cmp_col_field", lang), *self.names],
            [[_item_label(row["item"], row["name"], lang), _field_label(row["field"], lang),
              *(_format(row[n], row["unit"], lang) for n in self.names)]
             for row in _records(self.inputs)],
            numeric_from=2,
        )


def compare(
    results: Sequence[Result], names: Sequence[str] | None = None, baseline: int = 0
) -> Comparison:
    """Compare 2 to 10 solved scenarios against one of them.

    Parameters
    ----------
    results
        The results to compare, in the order their columns should appear. A scenario without a
        plan (status ``infeasible``) is compared too: its outputs are missing, its status shown.
    names
        Column names, one per result; by default each scenario's ``name``. Equal names are made
        unique by appending `` (2)``, `` (3)``, ...; so are names that would clash with an
        identifying column (``item``, ``name``, ``field``, ``measure``, ``unit``).
    baseline
        Index into ``results`` of the scenario the differences are taken against.

    Returns
    -------
    Comparison
        The inputs that differ and the outputs side by side (see the module doc).

    Raises
    ------
    ValueError
        For fewer than 2 or more than 10 results, a baseline index out of range, or ``names``
        of the wrong length or blank.
    TypeError
        When an item of ``results`` is not a Result or a name is not text.

    """
    results = tuple(results)
    if not MIN_SCENARIOS <= len(results) <= MAX_SCENARIOS:
        raise ValueError(
            f"compare needs {MIN_SCENARIOS} to {MAX_SCENARIOS} results, got {len(results)}"
        )
    for i, r in enumerate(results):
        if not isinstance(r, Result):
            raise TypeError(f"results[{i}] is a {type(r).__name__}, not a planner Result")
    if isinstance(baseline, bool) or not 0 <= baseline < len(results):
        raise ValueError(
            f"baseline must be an index from 0 to {len(results) - 1}, got {baseline!r}"
        )
    labels = unique_names(_given_names(results, names))
    figures = [_plan_figures(r) for r in results]
    return Comparison(
        names=labels,
        baseline=labels[baseline],
        statuses={n: str(r.status) for n, r in zip(labels, results, strict=True)},
        scenario_names={n: r.scenario.name for n, r in zip(labels, results, strict=True)},
        inputs=differing_inputs(results, labels),
        outputs=OutputTables(
            by_group=_side_by_side([f[0] for f in figures], GROUP_MEASURES, labels, baseline),
            by_source=_side_by_side([f[1] for f in figures], SOURCE_MEASURES, labels, baseline),
            totals=_side_by_side([f[2] for f in figures], TOTAL_MEASURES, labels, baseline),
        ),
        diagnosis={n: tuple(r.diagnosis) for n, r in zip(labels, results, strict=True)
                   if not r.ok},
        item_names=_item_names(results),
    )


def _item_names(results: Sequence[Result]) -> dict[str, str]:
    """``{"group:<id>": name, ...}``: the first scenario that has an item names it."""
    names: dict[str, str] = {}
    for r in reversed(results):
        s = r.scenario
        names |= {f"group:{g.id}": g.label for g in s.groups}
        names |= {f"source:{x.id}": x.label for x in s.sources}
        names |= {f"region:{x.id}": x.name or x.id for x in s.regions}
    return names


def _given_names(results: Sequence[Result], names: Sequence[str] | None) -> list[str]:
    if names is None:
        return [r.scenario.name for r in results]
    if isinstance(names, str):
        raise TypeError("names is one name per result, not a single string")
    given = list(names)
    if len(given) != len(results):
        raise ValueError(f"names has {len(given)} entries for {len(results)} results")
    for i, n in enumerate(given):
        if not isinstance(n, str):
            raise TypeError(f"names[{i}] is a {type(n).__name__}, not text")
        if not n.strip():
            raise ValueError(f"names[{i}] is blank")
    return given


def unique_names(names: Iterable[str]) -> tuple[str, ...]:
    """``names`` made unique as table columns: the second ``"A"`` becomes ``"A (2)"``.

    A name also may not equal another's difference column (``"A Δ"``) nor an identifying column.
    """
    taken: set[str] = set(_RESERVED)
    out = []
    for name in names:
        base = name.strip()
        candidate, k = base, 2
        while candidate in taken or candidate + DELTA in taken:
            candidate, k = f"{base} ({k})", k + 1
        taken |= {candidate, candidate + DELTA}
        out.append(candidate)
    return tuple(out)


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in df.to_dict("records")]


def _union(lists: Iterable[Iterable[str]]) -> list[str]:
    """Every id in the order it first appears."""
    return list(dict.fromkeys(x for items in lists for x in items))


# --- inputs -------------------------------------------------------------------------------------


def _id_list(value: str | tuple[str, ...]) -> str:
    """Write a source's ``groups``/``regions`` as text that ignores their order."""
    return value if value == ALL else ", ".join(sorted(value))


def _premium_text(group: Group) -> str:
    """Write the premium as the file gives it, e.g. ``bpu, declared_income: 1000000, ...``."""
    if group.premium is None:
        return f"premium_monthly: {group.premium_monthly}"
    rule: PremiumRule = group.premium
    parts: list[str] = [rule.scheme]
    if rule.scheme == "bpu":
        parts.append(f"declared_income: {rule.declared_income}")
    else:
        parts += [f"wage: {rule.wage}", f"jkk_class: {rule.jkk_class}"]
    programmes = [p for p in ("jkk", "jkm", "jht") if p in rule.programmes]
    parts.append("programmes: " + "+".join(programmes))
    return ", ".join(parts)


def _policy_fields(policy: Policy) -> dict[str, Any]:
    return {
        "objective": policy.objective,
        "global_cut": policy.global_cut,
        "target_covered": policy.target_covered,
        "min_region_share": policy.min_region_share,
        "funding_rules": policy.funding_rules,
        "premium_discounts": policy.premium_discounts,
    }


def _source_fields(source: Source) -> dict[str, Any]:
    return {
        "name": source.name,
        "kind": source.kind,
        "budget": source.budget,
        "cut": source.cut,
        "protected": source.protected,
        "groups": _id_list(source.groups),
        "regions": _id_list(source.regions),
    }


def _group_fields(
    result: Result, group: Group, regions: list[str], payers: list[str]
) -> dict[str, Any]:
    scenario = result.scenario
    out: dict[str, Any] = {"name": group.name}
    for field, per_region in (("eligible", scenario.eligible(group)),
                              ("covered_elsewhere", scenario.covered_elsewhere(group))):
        out[field] = sum(per_region.values())
        for r in regions:
            out[f"{field}[{r}]"] = per_region.get(r, MISSING)
    out["premium"] = _premium_text(group)
    for s in payers:
        out[f"unit_cost[{s}]"] = result.inputs.unit_cost.get((group.id, s), MISSING)
    out |= {
        "months": group.months,
        "start_month": group.start_month,
        "sector": group.sector,
        "tags": ", ".join(sorted(group.tags)),
        "weight": group.weight,
        "min_share": group.min_share,
        "max_share": group.max_share,
    }
    return out


def _find(items: Iterable[Any], item_id: str) -> Any:
    return next((x for x in items if x.id == item_id), None)


def _input_items(
    results: Sequence[Result],
) -> list[tuple[str, str, list[dict[str, Any] | None]]]:
    """Per input item: its key, its name, and its fields in each scenario (None: absent)."""
    scenarios: list[Scenario] = [r.scenario for r in results]
    regions = _union([x.id for x in s.regions] for s in scenarios)
    sources = _union([x.id for x in s.sources] for s in scenarios)
    groups = _union([x.id for x in s.groups] for s in scenarios)
    paid = {(g, s) for r in results for (g, _, s) in r.inputs.cells}
    items: list[tuple[str, str, list[dict[str, Any] | None]]] = [
        ("scenario", "", [{"year": s.year} for s in scenarios]),
        ("policy", "", [_policy_fields(s.policy) for s in scenarios]),
    ]
    for sid in sources:
        found = [_find(s.sources, sid) for s in scenarios]
        label = next(x.label for x in found if x is not None)
        items.append((f"source:{sid}", label,
                      [None if x is None else _source_fields(x) for x in found]))
    for gid in groups:
        found = [_find(s.groups, gid) for s in scenarios]
        label = next(x.label for x in found if x is not None)
        payers = [s for s in sources if (gid, s) in paid]
        items.append((f"group:{gid}", label, [
            None if x is None else _group_fields(r, x, regions, payers)
            for r, x in zip(results, found, strict=True)
        ]))
    for rid in regions:
        found = [_find(s.regions, rid) for s in scenarios]
        label = next(x.name or x.id for x in found if x is not None)
        items.append((f"region:{rid}", label,
                      [None if x is None else {"name": x.name} for x in found]))
    return items


def _same(values: list[Any]) -> bool:
    first = values[0]
    return all(v is first or (type(v) is type(first) and v == first) for v in values[1:])


def differing_inputs(results: Sequence[Result], names: Sequence[str]) -> pd.DataFrame:
    """Tabulate the inputs whose value is not the same in every scenario (see the module doc).

    Parameters
    ----------
    results
        The solved scenarios; their ``scenario`` and ``inputs`` are read, not the plan.
    names
        One unique column name per result.

    """
    rows = []
    for item, label, per_scenario in _input_items(results):
        fields = _union(fields for fields in per_scenario if fields is not None)
        for field in fields:
            values = [MISSING if f is None else f.get(field, MISSING) for f in per_scenario]
            if _same(values):
                continue
            row: dict[str, Any] = {"item": item, "name": label, "field": field,
                                   "unit": _field_unit(field)}
            row |= {n: None if v is MISSING else v for n, v in zip(names, values, strict=True)}
            rows.append(row)
    df = pd.DataFrame(rows, columns=[*INPUT_KEYS, *names], dtype=object)
    df.attrs["unit"] = {row["field"]: row["unit"] for row in rows}
    return df


def _field_unit(field: str) -> str:
    return FIELD_UNITS[field.partition("[")[0]]


# --- outputs ------------------------------------------------------------------------------------

Figures = dict[tuple[str, str], Any]  # (item, measure) -> value
Named = tuple[Figures, dict[str, str]]  # figures and item -> name


def _plan_figures(result: Result) -> tuple[Named, Named, Named]:
    """By group, by source and total figures of one result; NaN where there is no plan."""
    ok = result.ok

    def value(measure: str, v: Any) -> Any:
        return float(v) if ok or measure in _WITHOUT_PLAN else math.nan

    groups: Figures = {}
    for row in _records(result.by_group):
        groups |= {(row["group"], m): value(m, row[m]) for m in GROUP_MEASURES}
    sources: Figures = {}
    for row in _records(result.by_source):
        sources |= {(row["source"], m): value(m, row[m]) for m in SOURCE_MEASURES}
    totals: Figures = {
        ("total", "status"): str(result.status),
        ("total", "covered_workers"): value("covered_workers", result.covered_workers),
        ("total", "bound_covered"): value("bound_covered", result.bound_covered),
        ("total", "total_cost"): value("total_cost", result.total_cost),
        ("total", "available"): value("available", sum(result.inputs.available.values())),
        ("total", "unspent"): value("unspent", result.by_source["unspent"].sum()),
    }
    return (
        (groups, dict(zip(result.by_group["group"], result.by_group["name"], strict=True))),
        (sources, dict(zip(result.by_source["source"], result.by_source["name"], strict=True))),
        (totals, {"total": ""}),
    )


def _delta(value: Any, base: Any) -> float:
    if isinstance(value, str) or isinstance(base, str):
        return math.nan  # a status has no difference
    return float(value - base)  # NaN when either is missing


def _side_by_side(
    per_scenario: list[Named], measures: dict[str, str], names: Sequence[str], baseline: int
) -> pd.DataFrame:
    """Values of each scenario and their differences to the baseline, one row per measure."""
    labels: dict[str, str] = {}
    for _, named in per_scenario:
        labels = named | labels  # the first scenario that has an item names it
    items = _union([item for item, _ in figures] for figures, _ in per_scenario)
    base = per_scenario[baseline][0]
    columns: list[str] = []
    for i, n in enumerate(names):
        columns += [n] if i == baseline else [n, n + DELTA]
    rows = []
    for item in items:
        for measure, unit in measures.items():
            row: dict[str, Any] = {"item": item, "name": labels[item], "measure": measure,
                                   "unit": unit}
            base_value = base.get((item, measure), math.nan)
            for i, (n, (figures, _)) in enumerate(zip(names, per_scenario, strict=True)):
                row[n] = figures.get((item, measure), math.nan)
                if i != baseline:
                    row[n + DELTA] = _delta(row[n], base_value)
            rows.append(row)
    df = pd.DataFrame(rows, columns=[*OUTPUT_KEYS, *columns])
    if "status" not in measures:
        df[columns] = df[columns].astype(float)
    df.attrs["unit"] = dict(measures)
    df.attrs["baseline"] = names[baseline]
    return df


# --- words and numbers --------------------------------------------------------------------------


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")


def _is_missing(value: Any) -> bool:
    return value is None or value is MISSING or (isinstance(value, float) and math.isnan(value))


def _plain(value: Any, unit: str) -> Any:
    """Return a table cell as JSON data: whole rupiah and workers as ints, missing as None."""
    if _is_missing(value):
        return None
    if hasattr(value, "item"):  # a numpy scalar
        value = value.item()
    if isinstance(value, float) and unit in _WHOLE_UNITS and value.is_integer():
        return int(value)
    return value


def _csv_cell(value: Any, unit: str) -> str:
    plain = _plain(value, unit)
    if plain is None:
        return ""
    if isinstance(plain, bool):
        return "true" if plain else "false"
    return repr(plain) if isinstance(plain, float) else str(plain)


def _format(value: Any, unit: str, lang: str, measure: str = "") -> str:
    """Write a value as people read it: rupiah, head-counts, percentages, yes/no."""
    value = _plain(value, unit)
    if value is None:
        return "-"
    if measure == "status":
        return t(f"cmp_status_{value}", lang)
    if isinstance(value, bool):
        return t("cmp_yes" if value else "cmp_no", lang)
    if isinstance(value, str):
        return value
    if unit == "Rp":
        return rupiah_short(value, lang)
    if unit == "Rp/worker":
        return rupiah(value, lang)
    if unit in ("workers", "months"):
        return count(value, lang)
    if unit == "share":
        return percent(value, lang)
    if isinstance(value, float) and not value.is_integer():
        return number(value, lang, 2)
    return str(int(value))  # years and month numbers have no thousands separator


def _format_delta(value: Any, unit: str, lang: str) -> str:
    """Write a difference with its sign; shares in percentage points."""
    if _is_missing(value):
        return "-"
    if unit == "share":
        text = t("cmp_points", lang, value=number(value * 100, lang, 1))
    else:
        text = _format(value, unit, lang)
    return "+" + text if value > 0 and any(c in "123456789" for c in text) else text


def _exact(value: Any, unit: str, lang: str) -> str:
    """Write money in full rupiah and a share to two decimals of a percent."""
    if _is_missing(value):
        return "-"
    return rupiah(value, lang) if unit == "Rp" else percent(value, lang, 2)


def _premium_words(text: str, lang: str) -> str:
    """Write a premium as :func:`_premium_text` gives it in words: ``Rp16.800 per bulan``."""
    parts = text.split(", ")
    pairs = dict(p.split(": ", 1) for p in parts if ": " in p)
    try:
        if "premium_monthly" in pairs:
            amount = rupiah(int(pairs["premium_monthly"]), lang)
            return t("cmp_premium_monthly", lang, amount=amount)
        programmes = pairs["programmes"].upper()
        if parts[0] == "bpu":
            return t("cmp_premium_bpu", lang, programmes=programmes,
                     income=rupiah(int(pairs["declared_income"]), lang))
        return t("cmp_premium_wage", lang, programmes=programmes, jkk_class=pairs["jkk_class"],
                 wage=rupiah(int(pairs["wage"]), lang))
    except (KeyError, ValueError):
        return text  # not a premium this module wrote: show it as it is


def _field_label(field: str, lang: str) -> str:
    base, bracket, rest = field.partition("[")
    return f"{t(f'cmp_field_{base}', lang)} ({base}){' [' + rest if bracket else ''}"


def _item_label(item: str, name: str, lang: str) -> str:
    kind, _, item_id = item.partition(":")
    if not item_id:
        return t(f"cmp_item_{kind}", lang)
    return t(f"cmp_item_{kind}", lang, name=name or item_id)


def _table(headers: list[str], rows: list[list[str]], numeric_from: int = 1) -> str:
    """Columns padded to their widest cell; text left, figures right."""
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(w) if i >= numeric_from else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])
