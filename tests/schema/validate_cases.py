#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Checks the JSON Schemas in schema/ against mend's case files.

Usage: /usr/bin/python3 tests/schema/validate_cases.py PROJECT_SOURCE_DIR

1. Both schemas are valid draft 2020-12 schemas.
2. Every YAML file under cases/ validates: a file with a top-level `portfolio` key against
   schema/portfolio.schema.json, any other against schema/case.schema.json.
3. A document that uses every key of the format validates (so the schema is not too strict),
   and deliberately broken documents are rejected at the place they are broken (so it is not
   too lax): unknown keys, bad ids, booleans and yes/no in patterns, missing required keys, ...
4. The YAML loader used here reads scalars the way mend does.

Exits 0 when everything holds, 1 otherwise; failures are printed as FILE:LINE:COLUMN: error: ...

Runs with Debian's python3-yaml and python3-jsonschema (4.10 or later).
"""

import json
import pathlib
import re
import sys

import jsonschema
import yaml


# ---- loading YAML the way mend reads it -------------------------------------------------------
#
# Why not yaml.SafeLoader: it follows YAML 1.1, where yes/no/on/off are booleans and 012 is
# octal. Why not yaml.BaseLoader: it turns every scalar into a string, so the schema could not
# tell `weight: 1` from `weight: "1"` (mend refuses the quoted one as a number) or `true` from
# "true", and it would have to accept numbers written as strings everywhere.
#
# CaseLoader resolves plain scalars as the YAML 1.2 core schema does, which is also what editors
# using yaml-language-server see: only true/false (and their capitalised forms) are booleans,
# decimal numbers are numbers, null/~/empty is null, and everything else - Y, N, yes, no, on,
# off, dates - stays a string. Quoted scalars always stay strings. That matches mend's loader:
# patterns take the raw letters Y and N, `linkage` takes true/false, numbers must be unquoted.
# Duplicate keys are refused, as mend refuses them (PyYAML would silently keep the last one).

class CaseLoader(yaml.SafeLoader):
    yaml_implicit_resolvers = {}


_RESOLVERS = [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("tag:yaml.org,2002:float",
     r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
]
for _tag, _regex, _first in _RESOLVERS:
    CaseLoader.add_implicit_resolver(_tag, re.compile(_regex), list(_first))


def _construct_int(loader, node):
    return int(loader.construct_scalar(node), 10)  # decimal, as mend reads it: 012 is 12


def _construct_float(loader, node):
    return float(loader.construct_scalar(node))


def _construct_mapping(loader, node):
    seen = {}
    for key_node, _ in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            if key_node.value in seen:
                raise yaml.constructor.ConstructorError(
                    None, None,
                    f"duplicate key '{key_node.value}' (first at line {seen[key_node.value]})",
                    key_node.start_mark)
            seen[key_node.value] = key_node.start_mark.line + 1
    loader.flatten_mapping(node)
    return dict(loader.construct_pairs(node))


CaseLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
CaseLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
CaseLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def load(text):
    """Returns (data, root node) of a single YAML document."""
    loader = CaseLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, node


def locate(node, path):
    """Returns (line, column), 1-based, of the node at a JSON path, or of its nearest parent."""
    where = node.start_mark if node is not None else None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            match = [v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(step)]
            node = match[0] if match else None
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            node = None
        if node is None:
            break
        where = node.start_mark
    return (where.line + 1, where.column + 1) if where is not None else (1, 1)


def dotted(path):
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text or "(top level)"


# ---- the schemas ------------------------------------------------------------------------------

def load_validators(root):
    validators = {}
    for kind in ("case", "portfolio"):
        path = root / "schema" / f"{kind}.schema.json"
        schema = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        validators[kind] = jsonschema.Draft202012Validator(schema)
    return validators


def kind_of(data):
    return "portfolio" if isinstance(data, dict) and "portfolio" in data else "case"


def errors_of(validator, data):
    return sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])


# ---- documents for the self-test --------------------------------------------------------------

# A small valid case; each broken document below is this with one change.
BASE_CASE = """\
mend: 1
id: base-case
actors:
  - {id: a, role: decider}
  - {id: b}
dimensions:
  - {id: gain}
parameters:
  k: 2
  u: {dist: uniform, min: 0, max: k}
options:
  a:
    - {id: x, name: X}
  b:
    - {id: y, irreversible: backward}
status_quo: {x: N, y: N}
effects:
  - when: {x: Y}
    a: {gain: 3 * k}
valuation:
  a: {weights: {gain: 1}, loss_aversion: 2}
preferences:
  b: [y, "-x", "y if x"]
"""

BASE_PORTFOLIO = """\
mend: 1
portfolio: neighbours
title: Two issues between neighbours
cases: [water.yaml, border.yaml]
linkage: {a: false}
"""

# (what is wrong, base, text replaced, replacement, JSON path where the schema must object)
BROKEN = [
    ("unknown top-level key", BASE_CASE, "id: base-case\n", "id: base-case\ncolour: blue\n", []),
    ("unknown key in an actor", BASE_CASE, "{id: b}", "{id: b, nmae: B}", ["actors", 1]),
    ("unknown key in an option", BASE_CASE, "{id: x, name: X}", "{id: x, label: X}",
     ["options", "a", 0]),
    ("case id with capitals and _", BASE_CASE, "id: base-case", "id: Base_Case", ["id"]),
    ("option id starting with a digit", BASE_CASE, "{id: x, name: X}", "{id: 1x, name: X}",
     ["options", "a", 0, "id"]),
    ("option id 'if'", BASE_CASE, "{id: y,", "{id: if,", ["options", "b", 0, "id"]),
    ("parameter id with a dash", BASE_CASE, "  k: 2\n", "  k: 2\n  k-2: 3\n", ["parameters"]),
    ("boolean in a pattern", BASE_CASE, "status_quo: {x: N, y: N}",
     "status_quo: {x: false, y: N}", ["status_quo"]),
    ("yes in a pattern", BASE_CASE, "when: {x: Y}", "when: {x: yes}", ["effects", 0, "when"]),
    ("lower-case letter in a pattern string", BASE_CASE, "status_quo: {x: N, y: N}",
     "status_quo: Ny", ["status_quo"]),
    ("missing status_quo", BASE_CASE, "status_quo: {x: N, y: N}\n", "", []),
    ("format version 2", BASE_CASE, "mend: 1", "mend: 2", ["mend"]),
    ("format version given as true", BASE_CASE, "mend: 1", "mend: true", ["mend"]),
    ("one decider only", BASE_CASE, "{id: b}", "{id: b, role: affected}", ["actors"]),
    ("unknown role", BASE_CASE, "{id: b}", "{id: b, role: observer}", ["actors", 1, "role"]),
    ("irreversible: sometimes", BASE_CASE, "irreversible: backward", "irreversible: sometimes",
     ["options", "b", 0, "irreversible"]),
    ("field of another distribution", BASE_CASE, "{dist: uniform, min: 0, max: k}",
     "{dist: uniform, min: 0, max: k, mode: 1}", ["parameters", "u"]),
    ("missing field of a distribution", BASE_CASE, "{dist: uniform, min: 0, max: k}",
     "{dist: uniform, min: 0}", ["parameters", "u"]),
    ("unknown distribution", BASE_CASE, "dist: uniform", "dist: beta", ["parameters", "u"]),
    ("comparison in an expression", BASE_CASE, "3 * k", "k > 3", ["effects", 0, "a", "gain"]),
    ("weight written as a quoted string", BASE_CASE, "{gain: 1}", "{gain: '1'}",
     ["valuation", "a", "weights", "gain"]),
    ("loss aversion below 1", BASE_CASE, "loss_aversion: 2", "loss_aversion: 0.5",
     ["valuation", "a", "loss_aversion"]),
    ("two kinds in one constraint", BASE_CASE, "status_quo:",
     "constraints:\n  - {exclusive: [x, y], at_least_one: [x, y]}\nstatus_quo:",
     ["constraints", 0]),
    ("exclusive with one option", BASE_CASE, "status_quo:",
     "constraints:\n  - exclusive: [x]\nstatus_quo:", ["constraints", 0, "exclusive"]),
    ("requires without then", BASE_CASE, "status_quo:",
     "constraints:\n  - requires: {if: x}\nstatus_quo:", ["constraints", 0, "requires"]),
    ("empty infeasible pattern", BASE_CASE, "status_quo:",
     "constraints:\n  - infeasible: {}\nstatus_quo:", ["constraints", 0, "infeasible"]),
    ("linkage given as yes", BASE_CASE, "preferences:", "linkage: {a: yes}\npreferences:",
     ["linkage", "a"]),
    ("empty statement list", BASE_CASE, '[y, "-x", "y if x"]', "[]", ["preferences", "b"]),
    ("payoff key that is not a pattern", BASE_CASE, "preferences:\n  b: [y, \"-x\", \"y if x\"]\n",
     "payoffs:\n  YX: {b: 1}\n", ["payoffs"]),
    ("empty coalition", BASE_CASE, "preferences:", "coalitions: [[]]\npreferences:",
     ["coalitions", 0]),
    ("source date not in ISO form", BASE_CASE, "actors:",
     "sources: [{id: s, cite: c, accessed: 30/11/2026}]\nactors:", ["sources", 0, "accessed"]),
    ("unknown source kind", BASE_CASE, "actors:",
     "sources: [{id: s, cite: c, kind: tertiary}]\nactors:", ["sources", 0, "kind"]),
    ("a portfolio key in a case", BASE_CASE, "id: base-case\n", "id: base-case\ncases: []\n", []),
    ("unknown key in a portfolio", BASE_PORTFOLIO, "title:", "owner: me\ntitle:", []),
    ("portfolio id with capitals", BASE_PORTFOLIO, "portfolio: neighbours",
     "portfolio: Neighbours", ["portfolio"]),
    ("portfolio without cases", BASE_PORTFOLIO, "cases: [water.yaml, border.yaml]",
     "cases: []", ["cases"]),
    ("portfolio linkage given as no", BASE_PORTFOLIO, "{a: false}", "{a: no}", ["linkage", "a"]),
]

# Every key of the format at least once, in a case that mend would also accept.
EVERY_KEY = """\
# yaml-language-server: $schema=../../schema/case.schema.json
mend: 1
id: every-key
title: A case that uses every key
title_ru: Пример со всеми ключами
summary: >
  Two states decide whether to build a shared canal; a third party is affected.
summary_ru: Два государства решают, строить ли общий канал.
sources:
  - {id: survey, cite: Engineering survey of the canal route, cite_ru: Обследование трассы,
     url: https://example.org/survey, accessed: 2026-11-30, kind: primary, note: numbers rounded}
actors:
  - {id: east, name: East, name_ru: Восток, role: decider, language: ru}
  - {id: west, name: West, role: decider, language: en}
  - {id: river, name: River towns, role: affected}
dimensions:
  - {id: money, name: Net income, name_ru: Доход, unit: USD m/yr}
  - {id: prestige, name: Prestige, unit: index, tags: [status]}
parameters:
  cost: {dist: triangular, min: 40, mode: 50, max: 75, unit: USD m, source: survey,
         note: build cost, note_ru: стоимость}
  toll: {dist: uniform, min: 5, max: 9}
  traffic: {dist: lognormal, median: 1.2, p95: 2.5}
  growth: {dist: normal, mean: 0.02, sd: 0.01}
  delay: {dist: pert, min: 1, mode: 2, max: 5}
  years: 20
  share: {value: 0.5, unit: fraction}
  half_cost: {dist: fixed, value: cost / 2}
correlations:
  - {between: [cost, delay], rank: 0.4}
options:
  east:
    - {id: e_build, name: Build the eastern half, name_ru: Строить, irreversible: true}
    - {id: e_wait, name: Keep waiting, irreversible: backward}
  west:
    - {id: w_build, name: Build the western half, irreversible: forward}
    - {id: w_tax, name: Tax shipping, irreversible: false}
constraints:
  - exclusive: [e_build, e_wait]
  - at_least_one: [e_build, e_wait]
  - requires: {if: w_tax, then: [w_build]}
  - requires: {if: [e_build, w_build], then: w_build}
  - infeasible: {e_wait: Y, w_tax: Y}
  - infeasible: YNYN
status_quo: {e_build: N, e_wait: Y, w_build: N, w_tax: N}
default: auto
effects:
  - when: {}
    east: {money: -1}
  - when: {e_build: Y, w_build: Y}
    east: {money: "toll * traffic * years - half_cost", prestige: 2}
    west: {money: toll * traffic * share}
    river: {money: 3}
    source: survey
    note: both halves make the canal usable
    note_ru: канал работает, только если построены обе половины
  - when: NYNN
    east: {prestige: -0.5}
valuation:
  east: {weights: {money: 1, prestige: 4}, loss_aversion: 2.25, uncertainty_aversion: 0.5,
         indifference: 0.1}
  west: {weights: {money: 1}}
  river: {weights: {money: 1}}
perceptions:
  - holder: west
    about: east
    weights: {prestige: 0}
    loss_aversion: 1
    uncertainty_aversion: 0
    indifference: 0
    note: West thinks East cares only about money
    note_ru: Запад считает, что Востоку важны только деньги
linkage: {east: false, west: true}
"""

# The ordinal and payoff forms, which EVERY_KEY cannot use alongside valuations.
ORDINAL = """\
mend: 1
id: ordinal-forms
actors:
  - {id: a}
  - {id: b}
  - {id: c}
options:
  a: [{id: p}]
  b: [{id: q}]
  c: [{id: r}]
status_quo: NNN
default: {p: Y, q: N, r: N}
preferences:
  a: [p, "-q", "p if q", "q iff r", "(p | q) & -r"]
  b:
    ranking: [YYY, [NNN, YNN], NYN, YYN, NNY, YNY, NYY]
payoffs:
  NNN: {c: 0}
  YNN: {c: 1.5}
  NYN: {c: -2}
  YYN: {c: 3}
  NNY: {c: 0}
  YNY: {c: 1}
  NYY: {c: 2}
  YYY: {c: 4}
coalitions: [[a, b], [c]]
"""


# ---- the checks -------------------------------------------------------------------------------

class Report:
    def __init__(self):
        self.failures = 0

    def fail(self, where, message):
        self.failures += 1
        print(f"{where}: error: {message}")


def check_loader(report):
    data, _ = load("a: Y\nb: N\nc: yes\nd: true\ne: 1\nf: 1.5e3\ng: '2'\nh: 012\n"
                   "i: 2024-01-01\nj: ~\nk: off\nl: TRUE\n")
    expected = {"a": "Y", "b": "N", "c": "yes", "d": True, "e": 1, "f": 1500.0, "g": "2",
                "h": 12, "i": "2024-01-01", "j": None, "k": "off", "l": True}
    for key, value in expected.items():
        if data[key] != value or type(data[key]) is not type(value):
            report.fail("loader", f"'{key}' read as {data[key]!r}; expected {value!r}")
    try:
        load("a: 1\na: 2\n")
        report.fail("loader", "a duplicate key was accepted; expected it refused")
    except yaml.YAMLError:
        pass


def check_shipped(report, root, validators):
    files = sorted(p for p in (root / "cases").rglob("*") if p.suffix in (".yaml", ".yml"))
    if not files:
        report.fail(root / "cases", "no case files found; expected the shipped case library")
    for path in files:
        shown = path.relative_to(root)
        try:
            data, node = load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            report.fail(shown, f"not readable YAML: {error}")
            continue
        errors = errors_of(validators[kind_of(data)], data)
        for error in errors:
            line, column = locate(node, error.absolute_path)
            report.fail(f"{shown}:{line}:{column}", f"{dotted(error.absolute_path)}: {error.message}")
        if not errors:
            print(f"ok: {shown} ({kind_of(data)})")
    return len(files)


def check_valid_examples(report, validators):
    for name, text in [("base case", BASE_CASE), ("base portfolio", BASE_PORTFOLIO),
                       ("every key", EVERY_KEY), ("ordinal forms", ORDINAL)]:
        data, node = load(text)
        for error in errors_of(validators[kind_of(data)], data):
            line, column = locate(node, error.absolute_path)
            report.fail(f"<{name}>:{line}:{column}",
                        f"{dotted(error.absolute_path)}: {error.message} (expected valid)")


def check_broken_examples(report, validators):
    for name, base, old, new, where in BROKEN:
        if old not in base:
            report.fail(f"<{name}>", f"the test itself is stale: {old!r} is not in the base")
            continue
        data, _ = load(base.replace(old, new, 1))
        errors = list(validators[kind_of(data)].iter_errors(data))
        if not errors:
            report.fail(f"<{name}>", "accepted; expected the schema to refuse it")
            continue
        paths = [list(e.absolute_path) for e in errors]
        if where not in paths:
            report.fail(f"<{name}>", f"refused at {[dotted(p) for p in paths]}; "
                                     f"expected at {dotted(where)}")
        else:
            print(f"ok: refused <{name}> at {dotted(where)}")


def main(argv):
    if len(argv) != 2:
        print(f"usage: {argv[0]} PROJECT_SOURCE_DIR", file=sys.stderr)
        return 2
    root = pathlib.Path(argv[1]).resolve()
    report = Report()
    validators = load_validators(root)
    check_loader(report)
    count = check_shipped(report, root, validators)
    check_valid_examples(report, validators)
    check_broken_examples(report, validators)
    print(f"{count} shipped files, {len(BROKEN)} broken documents, {report.failures} failures")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
