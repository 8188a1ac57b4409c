"""The scenario contract (MODEL.md) as frozen pydantic models.

Unknown fields are rejected, so a misspelt field is an error rather than a silently ignored
setting. Cross-field rules (unique ids, references that exist, months within the year, eligible
given for every region, ``min_cost`` with a target) are checked here; :func:`validate_scenario`
turns every failure into a :class:`~planner.errors.ScenarioError` that names the field and the fix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any, Final, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from planner.errors import Problem, ScenarioError

__all__ = [
    "ALL",
    "AccountCodes",
    "DiscountReadings",
    "Group",
    "Policy",
    "PremiumRule",
    "Region",
    "Scenario",
    "Source",
    "SOURCE_KINDS",
    "validate_scenario",
]

ALL: Final = "all"
ID_PATTERN = r"^[a-z0-9_]+$"
SOURCE_KINDS = ("apbd", "apbdes", "dbh_sawit", "csr", "zakat", "province", "other")

Share = Annotated[float, Field(ge=0.0, le=1.0)]
Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=64)]
Headcount = Annotated[int, Field(ge=0, le=100_000_000)]
Basis = Annotated[str, Field(max_length=500)]  # a citation: "Perbup Kutim 29/2024", "news 002"
Reading = Literal["excluded", "unconfirmed", "included"]
PerRegion = Headcount | dict[str, Headcount]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Region(_Frozen):
    """A district (kecamatan or desa) of the plan."""

    id: Id
    name: str = ""


class PremiumRule(_Frozen):
    """A premium computed from the rates in ``planner/data/premiums.yaml``.

    ``scheme: bpu`` prices an informal worker on a declared income (JKK 1%, floor applies; JKM a
    flat amount; JHT 2% if listed). ``scheme: wage`` prices a wage earner or a short-term worker on
    an honorarium: JKK by risk class (1..5) plus JKM, as shares of the wage.
    """

    scheme: Literal["bpu", "wage"]
    declared_income: Annotated[int, Field(gt=0)] | None = None
    wage: Annotated[int, Field(gt=0)] | None = None
    jkk_class: Annotated[int, Field(ge=1, le=5)] = 1
    programmes: tuple[Literal["jkk", "jkm", "jht"], ...] = ("jkk", "jkm")

    @model_validator(mode="after")
    def _amount_for_scheme(self) -> PremiumRule:
        if self.scheme == "bpu" and self.declared_income is None:
            raise ValueError("premium_bpu_needs_income")
        if self.scheme == "wage" and self.wage is None:
            raise ValueError("premium_wage_needs_wage")
        if self.scheme == "wage" and "jht" in self.programmes:
            raise ValueError("premium_wage_no_jht")
        if not self.programmes:
            raise ValueError("premium_no_programmes")
        return self


class Group(_Frozen):
    """A worker group with its head-count, premium and months of cover."""

    id: Id
    name: str = ""
    eligible: PerRegion
    covered_elsewhere: PerRegion = 0
    enrolled: PerRegion = 0  # enrolled and paid through month from_month - 1 (a re-plan)
    new_limit: Headcount | None = None  # new workers that can be registered from from_month
    premium_monthly: Annotated[int, Field(ge=0)] | None = None
    premium: PremiumRule | None = None
    months: Annotated[int, Field(ge=1, le=12)] = 12
    start_month: Annotated[int, Field(ge=1, le=12)] = 1
    sector: Literal["transport", "other"] = "other"
    tags: tuple[Annotated[str, Field(pattern=ID_PATTERN)], ...] = ()
    weight: Annotated[float, Field(gt=0.0, le=1000.0)] = 1.0
    min_share: Share = 0.0
    max_share: Share = 1.0
    priority: Annotated[int, Field(ge=1, le=99)] = 1  # 1 is covered first (lexicographic)
    # where the head-count comes from, and whether it is an illustrative figure
    basis: Basis = ""
    assumed: bool = False
    # a subgroup counted inside another group's head-count (mustahik among farmers, ...): the
    # two together are never funded above the parent's limit, so nobody is paid for twice
    part_of: Id | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Group:
        if (self.premium_monthly is None) == (self.premium is None):
            raise ValueError("group_one_premium")
        if self.start_month + self.months - 1 > 12:
            raise ValueError("group_months_past_december")
        if self.min_share > self.max_share:
            raise ValueError("group_min_above_max")
        return self

    @property
    def label(self) -> str:
        """The name people read, or the id when there is none."""
        return self.name or self.id


class Source(_Frozen):
    """A funding source with its yearly budget, cut and whom it may pay for."""

    id: Id
    name: str = ""
    kind: Literal["apbd", "apbdes", "dbh_sawit", "csr", "zakat", "province", "other"]
    budget: Annotated[int, Field(ge=0, le=10**16)]
    cut: Share = 0.0
    protected: bool = False
    groups: Literal["all"] | tuple[Id, ...] = ALL
    regions: Literal["all"] | tuple[Id, ...] = ALL
    spent_to_date: Annotated[int, Field(ge=0, le=10**16)] = 0  # paid before from_month
    # where the amount comes from, and whether it is an illustrative figure
    basis: Basis = ""
    assumed: bool = False
    # the whole transfer this line is a part of (DBH sawit: the premium line may take at most the
    # share funding_rules.yaml gives of it; more is a warning)
    allocation: Annotated[int, Field(ge=0, le=10**16)] | None = None

    @field_validator("groups", "regions", mode="before")
    @classmethod
    def _all_or_list(cls, value: Any) -> Any:
        if isinstance(value, str) and value != ALL:
            return (value,)
        return value

    @property
    def label(self) -> str:
        """The name people read, or the id when there is none."""
        return self.name or self.id


SOURCE_KINDS = ("apbd", "apbdes", "dbh_sawit", "csr", "zakat", "province", "other")
# among plans of the same cover and spend, money is used in this order (the APBD's own last)
DEFAULT_SPEND_ORDER = ("csr", "zakat", "dbh_sawit", "province", "apbdes", "other", "apbd")


class DiscountReadings(_Frozen):
    """How the PP 50/2025 discount is read for payers its text does not settle.

    The text excludes premiums paid through the APBN or an APBD (APBD, DBH sawit and the
    province's budget are fixed as excluded). For the others a scenario may choose
    ``excluded`` (the full premium), ``unconfirmed`` (the discount priced, every plan that relies
    on it warned) or ``included`` (priced without a warning). ``None`` is the reading
    ``planner/engine/data/premiums.yaml`` states as the default (village budgets excluded; CSR,
    zakat and other payers unconfirmed), so the default lives with its reason in one place.
    """

    apbdes: Reading | None = None
    csr: Reading | None = None
    zakat: Reading | None = None
    other: Reading | None = None


AccountCode = Annotated[str, Field(pattern=r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,39}$")]


class AccountCodes(_Frozen):
    """A region's own budget account codes for the premium lines, by programme.

    ``None`` keeps the code ``planner/engine/data/account_codes.yaml`` gives (Permendagri 90/2019
    as updated: 5.1.02.02.02.0006 JKK, 0007 JKM, 0010 JHT for non-civil-servants).
    """

    jkk: AccountCode | None = None
    jkm: AccountCode | None = None
    jht: AccountCode | None = None


class Policy(_Frozen):
    """Scenario-wide choices: the objective, the global cut and the rules that apply."""

    objective: Literal["max_covered", "max_worker_months", "min_cost"] = "max_covered"
    global_cut: Share = 0.0
    target_covered: Headcount | None = None
    min_region_share: Share = 0.0
    funding_rules: Literal["strict", "off"] = "strict"
    premium_discounts: bool = True
    sharing: Literal["most_workers", "equal_share"] = "most_workers"
    from_month: Annotated[int, Field(ge=1, le=12)] = 1  # re-plan months from_month..12
    spend_order: tuple[Id, ...] = DEFAULT_SPEND_ORDER  # source kinds or ids, used first to last
    discount_readings: DiscountReadings = DiscountReadings()
    account_codes: AccountCodes = AccountCodes()

    @model_validator(mode="before")
    @classmethod
    def _readings_flat(cls, data: Any) -> Any:
        """Accept ``discount_readings.csr: x`` as ``discount_readings: {csr: x}`` (Excel rows).

        The same for ``account_codes.jkk``.
        """
        if not isinstance(data, Mapping):
            return data
        out = dict(data)
        for nest in ("discount_readings", "account_codes"):
            flat = {k: v for k, v in out.items() if isinstance(k, str)
                    and k.startswith(f"{nest}.")}
            if not flat:
                continue
            out = {k: v for k, v in out.items() if k not in flat}
            nested = dict(out.get(nest) or {})
            nested |= {k.partition(".")[2]: v for k, v in flat.items()}
            out[nest] = nested
        return out


class Scenario(_Frozen):
    """A whole scenario file: regions, worker groups, sources and policy."""

    name: Annotated[str, Field(min_length=1, max_length=200)]
    year: Annotated[int, Field(ge=2000, le=2100)] = 2025
    description: str = ""
    regions: tuple[Region, ...] = ()
    groups: Annotated[tuple[Group, ...], Field(min_length=1)]
    sources: Annotated[tuple[Source, ...], Field(min_length=1)]
    policy: Policy = Policy()

    @model_validator(mode="after")
    def _references(self) -> Scenario:
        problems = _cross_field_problems(self.model_dump(mode="python"))
        if problems:
            raise _CrossFieldError(problems)
        return self

    @property
    def region_ids(self) -> tuple[str, ...]:
        """Region ids, or ``("all",)`` for a plan without districts."""
        return tuple(r.id for r in self.regions) or (ALL,)

    def eligible(self, group: Group) -> dict[str, int]:
        """Eligible head-count of ``group`` per region id."""
        return _per_region(group.eligible, self.region_ids)

    def covered_elsewhere(self, group: Group) -> dict[str, int]:
        """Head-count of ``group`` covered by someone else, per region id."""
        return _per_region(group.covered_elsewhere, self.region_ids)

    def enrolled(self, group: Group) -> dict[str, int]:
        """Workers of ``group`` enrolled before ``policy.from_month``, per region id."""
        return _per_region(group.enrolled, self.region_ids)

    def with_global_cut(self, cut: float) -> Scenario:
        """Return this scenario with the global cut set to ``cut`` (a share 0..1)."""
        if not 0.0 <= cut <= 1.0:
            raise ScenarioError([Problem("policy.global_cut", "share_cut", {}, cut, True)])
        return self.model_copy(
            update={"policy": self.policy.model_copy(update={"global_cut": cut})}
        )


def _per_region(value: int | Mapping[str, int], regions: tuple[str, ...]) -> dict[str, int]:
    if isinstance(value, Mapping):
        return {r: int(value.get(r, 0)) for r in regions}
    return {regions[0]: int(value)} if len(regions) == 1 else dict.fromkeys(regions, 0)


class _CrossFieldError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("cross-field")
        self.problems = problems


def _duplicates(ids: list[str]) -> set[str]:
    seen: set[str] = set()
    return {i for i in ids if i in seen or seen.add(i)}  # type: ignore[func-returns-value]


def _list(data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    """``data[key]`` as a list of mappings, skipping what is not one (reported elsewhere)."""
    value = data.get(key)
    if not isinstance(value, list | tuple):
        return []
    return [x if isinstance(x, Mapping) else {} for x in value]


def _ids(items: list[Mapping[str, Any]]) -> list[str]:
    return [x["id"] for x in items if isinstance(x.get("id"), str)]


def _cross_field_problems(data: Mapping[str, Any]) -> list[Problem]:
    """Run the checks across fields, on plain data, so they run even when some field is invalid."""
    out: list[Problem] = []
    regions, groups, sources = _list(data, "regions"), _list(data, "groups"), _list(data, "sources")
    for family, items in (("regions", regions), ("groups", groups), ("sources", sources)):
        ids = [x.get("id") for x in items]
        for dup in sorted(_duplicates([i for i in ids if isinstance(i, str)])):
            idx = max(i for i, x in enumerate(ids) if x == dup)
            out.append(
                Problem(f"{family}[{idx}].id", "duplicate_id", {"family": family}, dup, True)
            )
    region_list = _ids(regions)
    region_ids = set(region_list)
    group_ids = set(_ids(groups))
    # an entry without a readable id is reported on its own; references to it cannot be checked
    regions_known = len(region_list) == len(regions)
    groups_known = len(group_ids) == len(groups)
    if ALL in region_ids:
        idx = [r.get("id") for r in regions].index(ALL)
        out.append(Problem(f"regions[{idx}].id", "region_id_all", {}, ALL, True))
        region_list = [r for r in region_list if r != ALL]
    for i, g in enumerate(groups):
        for fname in ("eligible", "covered_elsewhere", "enrolled"):
            value = g.get(fname, 0)
            path = f"groups[{i}].{fname}"
            if not regions_known:
                continue
            if isinstance(value, Mapping):
                if not region_ids:
                    out.append(Problem(path, "per_region_without_regions", {}, dict(value), True))
                    continue
                for key in value:
                    if key not in region_ids:
                        out.append(
                            Problem(
                                f"{path}.{key}", "unknown_region", _known(region_ids), key, True
                            )
                        )
                missing = [r for r in region_list if r not in value]
                if fname == "eligible" and missing:
                    out.append(
                        Problem(path, "eligible_missing_regions", {"missing": ", ".join(missing)})
                    )
            elif region_ids and (fname == "eligible" or value):
                out.append(
                    Problem(path, "scalar_with_regions", {"regions": ", ".join(sorted(region_ids))},
                            value, True)
                )
    for i, src in enumerate(sources):
        for field_name, known, key, ok in (
            ("groups", group_ids, "unknown_group", groups_known),
            ("regions", region_ids, "unknown_region", regions_known),
        ):
            listed = src.get(field_name, ALL)
            if not ok:
                continue
            if isinstance(listed, str):
                listed = [] if listed == ALL else [listed]
            if not isinstance(listed, list | tuple):
                continue
            for j, ref in enumerate(listed):
                if isinstance(ref, str) and ref not in known:
                    out.append(
                        Problem(f"sources[{i}].{field_name}[{j}]", key, _known(known), ref, True)
                    )
    out += _part_of_problems(groups, group_ids if groups_known else None)
    for i, src in enumerate(sources):
        if src.get("allocation") is not None and src.get("kind") != "dbh_sawit":
            out.append(Problem(f"sources[{i}].allocation", "allocation_kind", {},
                               src.get("allocation"), True))
    policy = data.get("policy")
    if isinstance(policy, Mapping) and policy.get("objective") == "min_cost" and (
        policy.get("target_covered") is None
    ):
        out.append(Problem("policy.target_covered", "min_cost_needs_target", {}))
    order = policy.get("spend_order") if isinstance(policy, Mapping) else None
    if isinstance(order, list | tuple):
        known = set(SOURCE_KINDS) | set(_ids(sources))
        for j, ref in enumerate(order):
            if isinstance(ref, str) and ref not in known:
                out.append(Problem(f"policy.spend_order[{j}]", "unknown_spend_order",
                                   _known(known), ref, True))
        for dup in sorted(_duplicates([r for r in order if isinstance(r, str)])):
            out.append(Problem("policy.spend_order", "duplicate_spend_order", {}, dup, True))
    return out


def _part_of_problems(groups: list[Mapping[str, Any]], known: set[str] | None) -> list[Problem]:
    """``part_of`` names another group, one that is not itself a part of a group."""
    out: list[Problem] = []
    parent_of = {g.get("id"): g.get("part_of") for g in groups}
    for i, g in enumerate(groups):
        parent = g.get("part_of")
        if not isinstance(parent, str):
            continue
        path = f"groups[{i}].part_of"
        if parent == g.get("id"):
            out.append(Problem(path, "part_of_self", {}, parent, True))
        elif known is not None and parent not in known:
            out.append(Problem(path, "unknown_group", _known(known), parent, True))
        elif isinstance(parent_of.get(parent), str):
            out.append(Problem(path, "part_of_nested", {"parent": parent_of[parent]}, parent,
                               True))
    return out


def _known(ids: set[str]) -> dict[str, str]:
    return {"known": ", ".join(sorted(ids)) or "-"}


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("int", "float", "str", "bool") or any(c in part for c in "[-'"):
            continue  # pydantic's union branch names are not fields
        else:
            out += ("." if out else "") + part
    return out


# pydantic error types that map to one of our messages, by the field's last name.
_FIELD_KEYS = {
    "cut": "share_cut",
    "global_cut": "share_cut",
    "min_share": "share_field",
    "max_share": "share_field",
    "min_region_share": "share_field",
    "months": "months_range",
    "start_month": "start_month_range",
    "id": "bad_id",
    "budget": "money_field",
    "premium_monthly": "money_field",
    "eligible": "headcount_field",
    "covered_elsewhere": "headcount_field",
    "enrolled": "headcount_field",
    "new_limit": "headcount_field",
    "spent_to_date": "money_field",
    "from_month": "from_month_range",
    "target_covered": "headcount_field",
    "kind": "bad_kind",
    "objective": "bad_objective",
    "funding_rules": "bad_funding_rules",
    "sector": "bad_sector",
    "year": "bad_year",
    "weight": "bad_weight",
    "tags": "bad_id",
    "jkk_class": "bad_jkk_class",
    "declared_income": "money_positive",
    "wage": "money_positive",
    "protected": "bad_bool",
    "premium_discounts": "bad_bool",
    "programmes": "bad_programmes",
    "scheme": "bad_scheme",
    "groups": "need_groups",
    "sources": "need_sources",
    "name": "bad_name",
    "regions": "bad_regions",
    "description": "bad_text",
    "policy": "bad_policy",
    "premium": "bad_premium",
    "priority": "bad_priority",
    "sharing": "bad_sharing",
    "spend_order": "bad_spend_order",
    "basis": "bad_basis",
    "assumed": "bad_bool",
    "part_of": "bad_id",
    "allocation": "money_field",
    "discount_readings": "bad_discount_readings",
    "apbdes": "bad_reading",
    "csr": "bad_reading",
    "zakat": "bad_reading",
    "other": "bad_reading",
    "account_codes": "bad_account_code",
    "jkk": "bad_account_code",
    "jkm": "bad_account_code",
    "jht": "bad_account_code",
}


# a check across fields of one model, reported at the field a user most likely has to change
_CHECK_FIELD = {
    "group_months_past_december": "months",
    "group_one_premium": "premium_monthly",
    "group_min_above_max": "min_share",
    "premium_bpu_needs_income": "declared_income",
    "premium_wage_needs_wage": "wage",
    "premium_wage_no_jht": "programmes",
    "premium_no_programmes": "programmes",
}


def _problem_from_pydantic(err: Mapping[str, Any]) -> Problem:
    loc = tuple(err.get("loc", ()))
    path = _path(loc)
    value = err.get("input")
    kind = str(err.get("type", ""))
    ctx = err.get("ctx") or {}
    if kind == "value_error" and isinstance(ctx.get("error"), _CrossFieldError):
        raise AssertionError("handled by caller")  # pragma: no cover
    if kind == "value_error":
        key = str(ctx.get("error", "")).strip()
        if key in _CHECK_FIELD:
            path = f"{path}.{_CHECK_FIELD[key]}" if path else _CHECK_FIELD[key]
        return Problem(path, key if key else "pydantic", {"detail": err.get("msg", "")})
    if kind == "missing":
        return Problem(path, "missing_field", {})
    if kind == "extra_forbidden":
        if path.startswith("policy.discount_readings."):  # apbd: the text settles it
            return Problem(path, "bad_discount_readings", {}, value, True)
        return Problem(path, "unknown_field", {}, value, True)
    return Problem(path, _message_key(loc, kind), {"detail": err.get("msg", "")}, value, True)


def _message_key(loc: tuple[int | str, ...], kind: str) -> str:
    """Choose the message for a field error by where the field sits in the file."""
    parts = [p for p in loc if isinstance(p, int) or not any(c in p for c in "[-'")]
    parts = [p for p in parts if p not in ("int", "float", "str", "bool")]
    shape = tuple("#" if isinstance(p, int) else p for p in parts)
    if shape in (("groups",), ("sources",)):
        return "need_" + str(shape[0]) if kind == "too_short" else f"bad_{shape[0]}_list"
    if shape in (("groups", "#"), ("sources", "#"), ("regions", "#")):
        return f"bad_{shape[0]}_item"
    if shape in (("sources", "#", "groups"), ("sources", "#", "regions")):
        return f"bad_source_{shape[2]}"
    if shape[-2:] in (("groups", "#"), ("regions", "#"), ("tags", "#")):
        return "bad_id"
    if shape[-1:] == ("name",) and len(shape) > 1:
        return "bad_label"
    fields = [p for p in shape if p != "#"]
    if len(fields) >= 2 and fields[-2] in ("eligible", "covered_elsewhere", "enrolled"):
        return _FIELD_KEYS[fields[-2]]  # {region: n} puts the region key last
    return _FIELD_KEYS.get(fields[-1], "pydantic") if fields else "pydantic"


def validate_scenario(data: Any, file: str | None = None) -> Scenario:
    """Validate parsed scenario data; raise :class:`ScenarioError` listing every problem."""
    if not isinstance(data, Mapping):
        raise ScenarioError.single("", "not_a_mapping", file=file)
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        problems: list[Problem] = []
        seen: set[tuple[str, str]] = set()
        for err in exc.errors():
            ctx = err.get("ctx") or {}
            cause = ctx.get("error")
            found = cause.problems if isinstance(cause, _CrossFieldError) else [
                _problem_from_pydantic(err)
            ]
            for p in found:
                if (p.path, p.key) not in seen:
                    seen.add((p.path, p.key))
                    problems.append(p)
        if not any(p.key in _CROSS_KEYS for p in problems):  # fields failed: check across too
            problems += [p for p in _cross_field_problems(data) if (p.path, p.key) not in seen]
        raise ScenarioError(_most_specific(problems), file) from None


_CROSS_KEYS = {"duplicate_id", "region_id_all", "unknown_group", "unknown_region",
               "per_region_without_regions", "eligible_missing_regions", "scalar_with_regions",
               "min_cost_needs_target", "unknown_spend_order", "duplicate_spend_order",
               "part_of_self", "part_of_nested", "allocation_kind"}


def _most_specific(problems: list[Problem]) -> list[Problem]:
    """Drop a problem about a list or table when a problem inside it says more."""
    paths = [p.path for p in problems]
    return [
        p
        for p in problems
        if p.key in _CROSS_KEYS
        or not any(q != p.path and q.startswith((p.path + "[", p.path + ".")) for q in paths)
    ]


def is_valid_id(text: str) -> bool:
    """Return True if ``text`` may be used as an id."""
    return re.fullmatch(ID_PATTERN, text) is not None
