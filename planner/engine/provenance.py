"""Where every figure of a plan comes from: the scenario's citations and the data's regulations.

A hearing asks "says who?" of every figure. The scenario answers for its own head-counts and
amounts (``groups[].basis``, ``sources[].basis``, and ``assumed: true`` for an illustrative
figure); the planner's data answers for the rates, the discount and its readings, and the
funding rules (``planner/engine/data/*.yaml``, each with its regulation and dates). This module
gathers both for the answer: the JSON's ``provenance`` and ``policy.discount_readings``, and the
tables the CLI, the app and the Excel export show.
"""

from __future__ import annotations

from typing import Any

from planner.engine.inputs import funding_rules
from planner.engine.premiums import rates
from planner.engine.schema import Group, Policy, Scenario, Source
from planner.i18n import register, t

__all__ = ["basis_rows", "premium_basis", "provenance", "reading_lines", "readings_in_force",
           "rule_rows"]

register(
    {
        "prov_title": {"id": "Dasar angka", "en": "Basis of the figures"},
        "prov_col_item": {"id": "Butir", "en": "Item"},
        "prov_col_basis": {"id": "Dasar", "en": "Basis"},
        "prov_col_note": {"id": "Catatan", "en": "Note"},
        "prov_assumed": {"id": "angka ilustratif", "en": "illustrative figure"},
        "prov_no_basis": {"id": "belum disebut", "en": "not given"},
        "prov_premium": {"id": "iuran {scheme}", "en": "premium {scheme}"},
        "prov_scheme_bpu": {"id": "BPU (bukan penerima upah)", "en": "BPU (informal)"},
        "prov_scheme_wage": {"id": "penerima upah", "en": "wage earners"},
        "prov_since": {"id": "berlaku sejak {date}", "en": "in force from {date}"},
        "prov_enacted": {"id": "ditetapkan {date}", "en": "enacted {date}"},
        "prov_rule": {"id": "aturan pendanaan {kind}", "en": "funding rule {kind}"},
        "prov_readings": {
            "id": "Bacaan diskon {discount} per pembayar: {readings}",
            "en": "Reading of the {discount} discount by payer: {readings}",
        },
        "prov_reading_excluded": {"id": "tanpa diskon", "en": "no discount"},
        "prov_reading_unconfirmed": {
            "id": "diskon dihitung, belum dipastikan",
            "en": "discount priced, not confirmed",
        },
        "prov_reading_included": {"id": "diskon dihitung", "en": "discount priced"},
        "prov_how_fixed": {"id": "teks peraturan", "en": "the regulation's text"},
        "prov_how_default": {"id": "standar", "en": "default"},
        "prov_how_chosen": {"id": "pilihan skenario", "en": "the scenario's choice"},
        "prov_discounts_off": {
            "id": "diskon iuran dimatikan (premium_discounts: false)",
            "en": "premium discounts turned off (premium_discounts: false)",
        },
        "kind_apbd": {"id": "APBD", "en": "APBD (regional budget)"},
        "kind_province": {"id": "APBD provinsi", "en": "provincial APBD"},
        "kind_dbh_sawit": {"id": "DBH sawit", "en": "DBH sawit (palm-oil revenue share)"},
        "kind_apbdes": {"id": "APBDes", "en": "APBDes (village budget)"},
        "kind_csr": {"id": "CSR", "en": "CSR (company funds)"},
        "kind_zakat": {"id": "zakat", "en": "zakat (BAZNAS)"},
        "kind_other": {"id": "lainnya", "en": "other"},
    }
)


def readings_in_force(policy: Policy) -> dict[str, dict[str, Any]]:
    """Return per discount, per payer kind, the reading that holds, whence, and why.

    ``fixed`` when the regulation's text settles it, ``default`` when it is the data's default.

    With ``premium_discounts: false`` every payer reads ``excluded`` (the setting turns every
    discount off); ``default`` is then False for the payers the discount would have covered.
    """
    chosen = policy.discount_readings.model_dump()
    out: dict[str, dict[str, Any]] = {}
    for d in rates().discounts:
        out[d.id] = {}
        for kind, r in d.readings.items():
            reading = d.reading(kind, chosen) if policy.premium_discounts else "excluded"
            out[d.id][kind] = {"reading": reading, "fixed": r.fixed,
                               "default": reading == r.reading, "basis": r.basis}
    return out


def premium_basis(group: Group, year: int) -> str:
    """Return the regulation a group's premium is priced by ("" for a fixed premium)."""
    rule = group.premium
    if rule is None:
        return ""
    r = rates()
    parts = [r.regulations[rule.scheme]]
    months = range(group.start_month, group.start_month + group.months)
    for d in r.discounts:
        if d.scheme == rule.scheme and any(d.in_period(group.sector, year, m) for m in months):
            parts.append(d.regulation)
    return "; ".join(parts)


def provenance(scenario: Scenario) -> dict[str, Any]:
    """Return the basis of every figure: groups, sources, rates, discounts and funding rules."""
    r = rates()
    rules = funding_rules()
    return {
        "groups": [{"id": g.id, "basis": g.basis, "assumed": g.assumed, "part_of": g.part_of,
                    "premium_basis": premium_basis(g, scenario.year)} for g in scenario.groups],
        "sources": [{"id": s.id, "kind": s.kind, "basis": s.basis, "assumed": s.assumed,
                     "allocation": s.allocation,
                     "rule_basis": rules[s.kind].regulation if s.kind in rules else "",
                     "rule_valid_from": rules[s.kind].valid_from if s.kind in rules else ""}
                    for s in scenario.sources],
        "rates": [{"id": key, "regulation": r.regulations[key], "valid_from": r.valid_from[key]}
                  for key in r.regulations],
        "funding_rules": [{"kind": k, "requires_tag": v.requires_tag,
                           "regulation": v.regulation, "valid_from": v.valid_from,
                           "max_share_of_allocation": float(v.max_share)
                           if v.max_share is not None else None}
                          for k, v in rules.items()],
        "discount_readings": readings_in_force(scenario.policy),
    }


def _discount_in_year(scenario: Scenario) -> list[str]:
    """Return the ids of the discounts some group's premium could get in the year."""
    r = rates()
    out = []
    for d in r.discounts:
        for g in scenario.groups:
            rule = g.premium
            months = range(g.start_month, g.start_month + g.months)
            if rule is not None and rule.scheme == d.scheme and any(
                    d.in_period(g.sector, scenario.year, m) for m in months):
                out.append(d.id)
                break
    return out


def basis_rows(scenario: Scenario, lang: str) -> list[tuple[str, str, str]]:
    """Return (item, basis, note) for each group and source of the scenario.

    A group or source marked ``assumed`` is noted "angka ilustratif" / "illustrative figure".
    """
    none = t("prov_no_basis", lang)
    items: list[Group | Source] = [*scenario.groups, *scenario.sources]
    return [(x.label, x.basis or none, t("prov_assumed", lang) if x.assumed else "")
            for x in items]


def rule_rows(scenario: Scenario, lang: str) -> list[tuple[str, str, str]]:
    """Return (item, regulation, dates) for the rates, discounts and funding rules in use."""
    r = rates()
    rules = funding_rules()
    out: list[tuple[str, str, str]] = []
    for scheme in sorted({g.premium.scheme for g in scenario.groups if g.premium is not None}):
        out.append((t("prov_premium", lang, scheme=t(f"prov_scheme_{scheme}", lang)),
                    r.regulations[scheme], t("prov_since", lang, date=r.valid_from[scheme])))
    names = {d.id: d.name for d in r.discounts}
    for d in _discount_in_year(scenario):
        out.append((names[d], r.regulations[d], t("prov_enacted", lang, date=r.valid_from[d])))
    for kind in dict.fromkeys(s.kind for s in scenario.sources):
        if kind in rules:
            out.append((t("prov_rule", lang, kind=t(f"kind_{kind}", lang)),
                        rules[kind].regulation,
                        t("prov_since", lang, date=rules[kind].valid_from)))
    return out


def reading_lines(policy: Policy, scenario: Scenario, lang: str) -> list[str]:
    """Return a sentence per discount the year can use: each payer kind's reading, and whence."""
    used = _discount_in_year(scenario)
    if not used:
        return []
    if not policy.premium_discounts:
        return [t("prov_discounts_off", lang)]
    names = {d.id: d.name for d in rates().discounts}
    out = []
    for d, payers in readings_in_force(policy).items():
        if d not in used:
            continue
        parts = []
        for kind, v in payers.items():
            how = "fixed" if v["fixed"] else "default" if v["default"] else "chosen"
            parts.append(f"{t('kind_' + kind, lang)} {t('prov_reading_' + v['reading'], lang)} "
                         f"({t('prov_how_' + how, lang)})")
        out.append(t("prov_readings", lang, discount=names[d], readings="; ".join(parts)))
    return out
