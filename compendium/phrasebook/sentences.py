"""`say(kind, code, params, lang)`: a cause or a rule, from its code and typed parameters, in English or
Chinese. A parameter is printed by its *kind*, named in the template after a colon (`{measure:label}`
is the measure's label in the edition's language, `{values:region_values .2f}` a list of (region,
number) pairs with two decimals); any other format spec is a number format. Nothing here parses text.
"""
from __future__ import annotations

import re
from string import Formatter
from typing import Any, Callable

from . import LANGUAGES, causes, labels, rules


def _number(value, spec: str) -> str:
    return labels.number(value, spec)


def _figure(figure: dict, lang: str) -> str:
    """An official figure: value, unit, year and the source it was read from."""
    if lang == "en":
        return f"{labels.number(figure['value'])} {figure['unit']} for {figure['year']} ({figure['source']})"
    return f"{figure['year']}年{labels.quantity(figure['value'], figure['unit'], lang)}（{figure['source']}）"


def _dated(figure: dict, lang: str) -> str:
    """A count at the end of a month: value, unit, year, month (1–12), source."""
    if lang == "en":
        return (f"{labels.number(figure['value'])} {figure['unit']} at the end of {labels.MONTHS[figure['month'] - 1]} {figure['year']} "
                f"({figure['source']})")
    return f"{figure['year']}年{figure['month']}月末{labels.quantity(figure['value'], figure['unit'], lang)}（{figure['source']}）"


def _held(values: list, lang: str, name: Callable[[Any], str]) -> str:
    """What data/ holds: all of them when few, else how many and the first and last."""
    if len(values) > 6:
        first, last = name(values[0]), name(values[-1])
        return f"{len(values)} of them ({first} … {last})" if lang == "en" else f"{len(values)}个（{first} … {last}）"
    return (", " if lang == "en" else "、").join(name(v) for v in values)


def _held_years_zh(years: list) -> str:
    """2019、2020 年; or, for many, 2011 … 2019 年（共 9 个年份）."""
    if len(years) > 6:
        return f"{years[0]} … {years[-1]}年（共{len(years)}个年份）"
    return "、".join(str(y) for y in years) + "年"


def _vintages_zh(codes: list) -> str:
    """Vintages named in Chinese, with 版本 added only where the label does not already end in 版."""
    said = "、".join(labels.vintage(x, "zh") for x in codes)
    return said if said.endswith(("版", "表")) else said + "版本"


def _pairs(pairs: list, lang: str) -> str:
    """(region, year) pairs a rule needed and data/ lacks (the rule keeps the first eight and counts the rest)."""
    if lang == "en":
        return ", ".join(f"{r} {y}" if y is not None else str(r) for r, y in pairs)
    return "、".join(f"{labels.region(r, lang)}{y}年" if y is not None else labels.region(r, lang) for r, y in pairs)


def _join(items: list, lang: str) -> str:
    return (", " if lang == "en" else "，").join(items)


def _others(regions: list, lang: str) -> str:
    """The regions after the first, which the first is compared with one by one."""
    names = [labels.region(r, lang, tuple(regions)) for r in regions[1:]]
    if len(names) == 1:
        return names[0]
    return "each of " + ", ".join(names) if lang == "en" else "、".join(names) + "（逐一比较）"


FIELDS: dict[str, Callable[[Any, str, str], str]] = {
    "label": lambda v, lang, _: labels.measure_label(v, lang),
    "region": lambda v, lang, _: labels.region(v, lang),
    "regions": lambda v, lang, _: (", " if lang == "en" else "、").join(labels.region(r, lang, tuple(v)) for r in v),
    "vintage": lambda v, lang, _: labels.vintage(v, lang),
    "which_vintages": lambda v, lang, _: (" or ".join(labels.vintage(x, lang) for x in v) or "any vintage") if lang == "en" else
                                         (_vintages_zh(v) if v else "任何版本"),
    "vintage_list": lambda v, lang, _: (", " if lang == "en" else "、").join(labels.vintage(x, lang) for x in v),
    "unit": lambda v, lang, _: labels.unit(v, lang),
    "held_regions": lambda v, lang, _: _held(v, lang, lambda r: labels.region(r, lang)),
    "held_years": lambda v, lang, _: _held(v, lang, str) if lang == "en" else _held_years_zh(v),
    "held_vintages": lambda v, lang, _: _held(v, lang, lambda x: labels.vintage(x, lang)),
    "pairs": lambda v, lang, _: _pairs(v, lang),
    "years": lambda v, lang, _: (", " if lang == "en" else "、").join(str(y) for y in v),
    "figure": lambda v, lang, _: _figure(v, lang),
    "quantity": lambda v, lang, _: labels.quantity(v["value"], v["unit"], lang),
    "dated": lambda v, lang, _: _dated(v, lang),
    "dated_list": lambda v, lang, _: (", " if lang == "en" else "；").join(_dated(f, lang).strip() for f in v),
    "parts": lambda v, lang, _: " + ".join(f"{labels.measure_label(m, lang)}{' ' if lang == 'en' else ''}{labels.number(x)}" for m, x in v),
    "more": lambda v, lang, _: "" if not v else f" and {v} more" if lang == "en" else f"，另有 {v} 项",
    "region_sum": lambda v, lang, spec: " + ".join(f"{labels.region(r, lang)} {_number(x, spec)}" for r, x in v),
    "region_values": lambda v, lang, spec: _join([f"{labels.region(r, lang, tuple(k for k, _ in v))} {_number(x, spec)}"
                                                   for r, x in v], lang),
    "year_values": lambda v, lang, spec: _join([f"{y} {_number(x, spec)}" if lang == "en" else
                                                f"{y}年{_number(x, spec)}" for y, x in v], lang),
    # what a rule was asked about (compendium/phrasebook/rules.py): the first region (beside the others) and the rest
    "region_first": lambda v, lang, _: labels.region(v[0], lang, tuple(v)),
    "region_rest": lambda v, lang, _: _others(v, lang),
    "measure_first": lambda v, lang, _: labels.measure_label(v[0], lang),
    "measure_second": lambda v, lang, _: labels.measure_label(v[1], lang),
    "specification": lambda v, lang, _: labels.specification_name(v, lang),
    "statement_kind": lambda v, lang, _: labels.entry(causes.STATEMENT_KINDS, v, "statement kind")[LANGUAGES.index(lang)],
}


class _Phrases(Formatter):
    """str.format with the phrasebook's kinds: `{name:kind spec}`; any other spec is a number format."""

    def __init__(self, lang: str):
        if lang not in LANGUAGES:
            raise ValueError(f"language {lang!r} is not one of {LANGUAGES}")
        self.lang = lang

    def get_value(self, key, args, kwargs):
        try:
            return kwargs[key]
        except KeyError:
            raise KeyError(f"the phrase needs the parameter {key!r}; given {sorted(kwargs)}") from None

    def format_field(self, value, format_spec: str) -> str:
        kind, _, number = format_spec.partition(" ")
        if kind in FIELDS:
            return FIELDS[kind](value, self.lang, number)
        return labels.number(value, format_spec) if isinstance(value, (int, float)) else format(value, format_spec)


def say(kind: str, code: str, params: dict | None = None, lang: str = "en") -> str:
    """The phrase for `code` of `kind` ("cause" or "rule") in `lang`, its fields filled from `params`.
    Strict: an unknown code, kind or parameter raises at once, naming it."""
    if not code:
        return ""
    if kind == "cause":
        template = labels.entry(causes.CAUSES, code, "cause code")[LANGUAGES.index(lang)]
    elif kind == "rule":
        template, params = rules.template(code, LANGUAGES.index(lang)), rules.RULE_CONSTANTS | (params or {})
    else:
        raise KeyError(f"the phrasebook has no kind {kind!r}")
    try:
        text = _Phrases(lang).format(template, **(params or {}))
    except KeyError as missing:
        raise KeyError(f"{kind} {code!r} ({lang}): {missing.args[0]}") from None
    return text if lang == "en" else spaced(text)


# Chinese typesetting puts a space between a Chinese character and a Latin letter or digit, and none
# between a Chinese character and full-width punctuation; one rule for every Chinese phrase, so the
# templates and fields need not carry spaces. It changes spacing only, never a word.
_CJK = "\u4e00-\u9fff"
_LATIN = "A-Za-z0-9%`"
_GAPS = re.compile(f"(?<=[{_CJK}])(?=[{_LATIN}])|(?<=[{_LATIN}])(?=[{_CJK}])")


def spaced(text: str) -> str:
    return _GAPS.sub(" ", text)
