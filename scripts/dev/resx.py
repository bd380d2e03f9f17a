#!/usr/bin/env python3
"""Writes a pair of .resx files (English neutral, Indonesian satellite) from one table.

The table is the source of truth for a feature's texts: python3 scripts/dev/resx.py <table.py>
where the table module defines NAME (the resx base path, from the repository root) and
TEXTS = {key: (english, indonesian)}.

    python3 scripts/dev/resx.py --check [<table.py> ...]

writes nothing and checks every table named (all src/**/Resources/*.table.py when none is): each key
has a non-empty text in both languages, both use the same placeholders ({0}, {1:d MMM}, ...), and its
two .resx files are exactly what this script would write; with no table named, also that every
src/**/Resources/*.resx comes from a table. Prints each problem and exits 1 if there is one. The test
run calls it (tests/Microtask.Bot.Tests/Resources/ResourceTableTests.cs).
"""
import ast
import glob, os, re, runpy, sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LANGUAGES = (("English", ".resx"), ("Indonesian", ".id.resx"))

HEADER = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''

# A .NET format item: {index[,alignment][:format]}; "{{" and "}}" are literal braces.
FORMAT_ITEM = re.compile(r"\{(\d+)\s*(?:,\s*-?\d+\s*)?(?::[^{}]*)?\}")


def render(texts, index):
    lines = [HEADER]
    for key, pair in texts.items():
        lines.append(f'  <data name="{key}" xml:space="preserve"><value>{escape(pair[index])}</value></data>\n')
    lines.append("</root>\n")
    return "".join(lines)


def load(table_path):
    table = runpy.run_path(table_path)
    return os.path.join(ROOT, table["NAME"]), table["TEXTS"]


def placeholders(text):
    found, i = set(), 0
    while i < len(text):
        if text.startswith("{{", i) or text.startswith("}}", i):
            i += 2
            continue
        item = FORMAT_ITEM.match(text, i) if text[i] == "{" else None
        if item:
            found.add(int(item.group(1)))
            i = item.end()
        else:
            i += 1
    return found


def check_texts(texts):
    problems = []
    for key, pair in texts.items():
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            problems.append(f"{key}: needs exactly two texts (English, Indonesian), has {pair!r}")
            continue
        for (language, _), text in zip(LANGUAGES, pair):
            if not isinstance(text, str) or not text.strip():
                problems.append(f"{key}: no {language} text")
        if all(isinstance(t, str) for t in pair) and placeholders(pair[0]) != placeholders(pair[1]):
            english, indonesian = (sorted(placeholders(t)) for t in pair)
            problems.append(f"{key}: placeholders differ: English {english}, Indonesian {indonesian}")
    return problems


def describe_difference(path, texts, index):
    """Why a .resx file is not what its table writes: keys missing on either side, or changed values."""
    try:
        entries = {d.get("name"): (d.findtext("value") or "") for d in ET.parse(path).getroot().iter("data")}
    except ET.ParseError as e:
        return [f"not valid XML ({e})"]
    problems = [f"key {k} is in the table, not in the file" for k in texts if k not in entries]
    problems += [f"key {k} is in the file, not in the table" for k in entries if k not in texts]
    problems += [f"key {k} differs from the table" for k in texts if k in entries and entries[k] != texts[k][index]]
    return problems or ["layout differs from what the script writes"]


def shown(path):
    relative = os.path.relpath(path, ROOT)
    return path if relative.startswith("..") else relative


def duplicate_keys(table_path):
    """Keys written twice in the table's TEXTS: Python keeps the last silently, so the first would never be read."""
    with open(table_path, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "TEXTS" for t in node.targets) and isinstance(node.value, ast.Dict):
            keys = [k.value for k in node.value.keys if isinstance(k, ast.Constant)]
            return sorted({k for k in keys if keys.count(k) > 1})
    return []


def check_table(table_path):
    base, texts = load(table_path)
    problems = [f"{shown(table_path)}: {p}" for p in check_texts(texts)]
    problems += [f"{shown(table_path)}: key {k} is written twice" for k in duplicate_keys(table_path)]
    if problems:
        return problems, base
    for index, (_, suffix) in enumerate(LANGUAGES):
        path = base + suffix
        if not os.path.exists(path):
            problems.append(f"{shown(path)}: missing")
            continue
        with open(path, "rb") as f:
            if f.read() != render(texts, index).encode("utf-8"):
                problems += [f"{shown(path)}: {p}" for p in describe_difference(path, texts, index)]
    if problems:
        problems.append(f"{shown(table_path)}: regenerate with python3 scripts/dev/resx.py {shown(table_path)}")
    return problems, base


def check(tables):
    every = not tables
    if every:
        tables = sorted(glob.glob(os.path.join(ROOT, "src", "**", "Resources", "*.table.py"), recursive=True))
    problems, generated = [], set()
    for table in tables:
        found, base = check_table(os.path.abspath(table))
        problems += found
        generated.update(os.path.normpath(base + suffix) for _, suffix in LANGUAGES)
    if every:
        for resx in sorted(glob.glob(os.path.join(ROOT, "src", "**", "Resources", "*.resx"), recursive=True)):
            if os.path.normpath(resx) not in generated:
                problems.append(f"{os.path.relpath(resx, ROOT)}: no table writes this file")
    for problem in problems:
        print(problem)
    print(f"resx: {len(tables)} tables checked, {len(problems)} problems")
    return 1 if problems else 0


def main(args):
    if args[:1] == ["--check"]:
        return check(args[1:])
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    base, texts = load(args[0])
    problems = check_texts(texts)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    for index, (_, suffix) in enumerate(LANGUAGES):
        with open(base + suffix, "w", encoding="utf-8") as f:
            f.write(render(texts, index))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
