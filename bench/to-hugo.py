#!/usr/bin/env python3
"""Convert a zongwu records directory into an equivalent Hugo site, for benchmarks.

    to-hugo.py RECORDS_DIR HUGO_DIR

The Hugo site holds the same records as the zongwu site: one content page per record
(`content/<kind>/<id>.md`, all of the record's fields as TOML front matter, its `notes`
as the Markdown body), a list page per kind with one table row per record, and a home
page with the number of records per kind. Build it with `hugo -s HUGO_DIR -d OUT`.

HUGO_DIR is replaced as a whole (it must be absent, empty or a previous output of this
script). The output is deterministic: the same records give byte-identical files.
Needs only Python 3.11+ (for `tomllib`).
"""
import argparse
import datetime as dt
import decimal
import math
import os
import re
import shutil
import sys
import tomllib

# The record kinds converted: folder name -> (section title, list columns).
# The columns are front-matter keys shown in the list page next to id and title/name;
# they are passed to the templates as site params, so the layouts stay generic.
KINDS = {
    "assets": ("资产", ["category", "location", "quantity", "unit_price", "acquired"]),
    "repairs": ("报修", ["location", "reported", "fixed", "cost"]),
    "purchases": ("采购", ["category", "method", "requested", "vendor"]),
    "inspections": ("检查", ["type", "date", "inspector", "location"]),
    "budgets": ("预算", ["lines"]),
}

# A file written by this script at the top of HUGO_DIR, so that it never deletes a
# folder it did not make.
STAMP = ".to-hugo"

BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


# --------------------------------------------------------------------------- TOML writer

def toml_string(s):
    """Return `s` as a TOML basic string, escaping quotes, backslashes and control characters."""
    out = ['"']
    for ch in s:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def toml_key(k):
    """Return a table key, bare where TOML allows it and quoted otherwise (e.g. Chinese keys)."""
    return k if BARE_KEY.match(k) else toml_string(k)


def toml_float(x):
    """Return a float as TOML.

    Floats are read as `decimal.Decimal` (see `read_record`), so an amount keeps the
    digits it was written with (`850.50` stays `850.50`, never `850.5` or `850.4999…`).
    """
    if isinstance(x, decimal.Decimal):
        if x.is_nan():
            return "nan"
        if x.is_infinite():
            return "-inf" if x < 0 else "inf"
        text = str(x)
        # str(Decimal) gives "12.50", "1E+3", "0E-8": all valid TOML floats, except an
        # integral text without point or exponent, which TOML would read as an integer.
        return text if any(c in text for c in ".eE") else text + ".0"
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "-inf" if x < 0 else "inf"
    return repr(float(x))


def toml_value(v):
    """Return an inline TOML value: scalar, date/time, array or inline table."""
    if isinstance(v, bool):  # before int: bool is a subclass of int
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, (float, decimal.Decimal)):
        return toml_float(v)
    if isinstance(v, str):
        return toml_string(v)
    if isinstance(v, dt.datetime):  # before date: datetime is a subclass of date
        return v.isoformat()
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()  # a local date stays unquoted: 2011-09-05
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{toml_key(k)} = {toml_value(x)}" for k, x in v.items()) + "}"
    raise TypeError(f"cannot write {type(v).__name__} as TOML")


def is_table_array(v):
    """True for a non-empty list of tables, written as `[[key]]` sections."""
    return isinstance(v, list) and v != [] and all(isinstance(x, dict) for x in v)


def toml_document(table, prefix=""):
    """Return the lines of a TOML document for `table`, keeping the keys' order.

    Plain key/value pairs come first (TOML requires them before any sub-table), then
    sub-tables as `[a.b]` and lists of tables as `[[a.b]]`, recursively.
    """
    lines = []
    nested = []
    for k, v in table.items():
        if isinstance(v, dict) or is_table_array(v):
            nested.append((k, v))
        else:
            lines.append(f"{toml_key(k)} = {toml_value(v)}")
    for k, v in nested:
        path = f"{prefix}.{toml_key(k)}" if prefix else toml_key(k)
        if isinstance(v, dict):
            body = toml_document(v, path)
            # A header is needed only for a table with its own keys (or none at all);
            # one holding only sub-tables is implied by their headers.
            if not v or any(not (isinstance(x, dict) or is_table_array(x)) for x in v.values()):
                body = ["", f"[{path}]"] + body
            lines += body
        else:
            for item in v:
                lines += ["", f"[[{path}]]"] + toml_document(item, path)
    return lines


# --------------------------------------------------------------------------- records

def read_toml(path):
    """Parse a TOML file (a leading BOM is accepted, as zongwu does); floats as Decimal."""
    with open(path, "rb") as f:
        text = f.read().decode("utf-8-sig")
    return tomllib.loads(text, parse_float=decimal.Decimal)


def find_records(records_dir, kind):
    """Return sorted (id, path) of the kind's record files, searching sub-folders too."""
    root = os.path.join(records_dir, kind)
    found = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in filenames:
            if not name.endswith(".toml"):
                continue
            rid = name[: -len(".toml")]
            path = os.path.join(dirpath, name)
            if rid in found:
                sys.exit(f"to-hugo: duplicate id {rid} in {found[rid]} and {path}")
            found[rid] = path
    return sorted(found.items())


def page(record):
    """Return the Markdown page of a record: TOML front matter without `notes`, then the notes."""
    fields = {k: v for k, v in record.items() if k != "notes"}
    body = record.get("notes", "")
    if not isinstance(body, str):
        body = str(body)
    text = "+++\n" + "\n".join(toml_document(fields)).strip("\n") + "\n+++\n"
    if body.strip():
        text += "\n" + body.rstrip("\n") + "\n"
    return text


# --------------------------------------------------------------------------- layouts

BASEOF = """\
<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ .Title }}{{ end }} · {{ site.Title }}</title>
<style>
body { font-family: sans-serif; margin: 1rem 2rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid #999; padding: .2rem .5rem; text-align: left; vertical-align: top; }
</style>
</head>
<body>
<nav><a href="{{ "index.html" | relURL }}">{{ site.Title }}</a>
{{- range site.Sections }} · <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
<main>
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
"""

# Home page: the number of records per kind.
INDEX = """\
{{ define "title" }}首页{{ end }}
{{ define "main" }}
<h1>{{ site.Title }}</h1>
<table>
<thead><tr><th>类别</th><th>记录数</th></tr></thead>
<tbody>
{{- range .Sections }}
<tr><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ len .RegularPages }}</td></tr>
{{- end }}
</tbody>
</table>
{{ end }}
"""

# List page of a kind: one row per record (id link, title or name, the kind's columns).
LIST = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{- $columns := index site.Params.columns .Section }}
<table>
<thead><tr><th>id</th><th>title</th>{{ range $columns }}<th>{{ . }}</th>{{ end }}</tr></thead>
<tbody>
{{- range sort .RegularPages "File.ContentBaseName" }}
{{- $page := . }}
<tr><td><a href="{{ .RelPermalink }}">{{ .File.ContentBaseName }}</a></td>
<td>{{ with .Params.title }}{{ . }}{{ else }}{{ .Params.name }}{{ end }}</td>
{{- range $columns }}<td>{{ partial "value.html" (index $page.Params .) }}</td>{{ end }}</tr>
{{- end }}
</tbody>
</table>
{{ end }}
"""

# Page of a record: every front-matter field in a table (lists and tables as nested
# tables), then the notes. Hugo adds keys of its own to .Params; those are skipped,
# except `date`, which is a real field of inspections.
SINGLE = """\
{{ define "title" }}{{ .File.ContentBaseName }}{{ end }}
{{ define "main" }}
<h1>{{ .File.ContentBaseName }}{{ with .Params.title }} {{ . }}{{ else }}{{ with .Params.name }} {{ . }}{{ end }}{{ end }}</h1>
{{- $hugo := slice "draft" "iscjklanguage" "lastmod" "publishdate" "expirydate" }}
{{- if ne .Section "inspections" }}{{ $hugo = $hugo | append "date" }}{{ end }}
<table>
<tbody>
{{- range $key, $value := .Params }}
{{- if not (in $hugo $key) }}
<tr><th>{{ $key }}</th><td>{{ partial "value.html" $value }}</td></tr>
{{- end }}
{{- end }}
</tbody>
</table>
{{ with .Content }}<section class="notes">{{ . }}</section>{{ end }}
{{ end }}
"""

# Renders any front-matter value: a list of tables as a table with a column per key,
# a table as key/value rows, a list of scalars comma-separated, a date as YYYY-MM-DD.
VALUE = """\
{{- $v := . -}}
{{- if reflect.IsMap $v -}}
<table>{{ range $k, $x := $v }}<tr><th>{{ $k }}</th><td>{{ partial "value.html" $x }}</td></tr>{{ end }}</table>
{{- else if and (reflect.IsSlice $v) (gt (len $v) 0) (reflect.IsMap (index $v 0)) -}}
{{- $keys := slice -}}
{{- range $v }}{{ range $k, $_ := . }}{{ if not (in $keys $k) }}{{ $keys = $keys | append $k }}{{ end }}{{ end }}{{ end -}}
{{- $keys = sort $keys -}}
<table><thead><tr>{{ range $keys }}<th>{{ . }}</th>{{ end }}</tr></thead><tbody>
{{- range $row := $v }}<tr>{{ range $keys }}<td>{{ partial "value.html" (index $row .) }}</td>{{ end }}</tr>{{ end -}}
</tbody></table>
{{- else if reflect.IsSlice $v -}}
{{ delimit $v ", " }}
{{- else if eq (printf "%T" $v) "time.Time" -}}
{{ $v.Format "2006-01-02" }}
{{- else if eq $v nil -}}
{{- else -}}
{{ $v }}
{{- end -}}
"""


# --------------------------------------------------------------------------- site

def config(settings):
    """Return config.toml: the site's title and language from zongwu.toml, no theme,
    relative URLs, one `.html` file per page, and the list columns of each kind."""
    site = settings.get("site", {})
    title = site.get("title") or "records"
    lang = site.get("language") or "zh-CN"
    doc = {
        "title": title,
        "baseURL": "/",
        "languageCode": lang,
        "defaultContentLanguage": lang.split("-")[0].lower(),
        "hasCJKLanguage": lang.startswith("zh"),
        "relativeURLs": True,
        "uglyURLs": True,  # assets/A-000001.html, one page per record as zongwu (which keeps them by year)
        "disablePathToLower": True,  # keep ids as written
        "buildFuture": True,  # inspections may be dated after the day of the build
        "buildExpired": True,
        "enableRobotsTXT": False,
        "disableKinds": ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"],
        "params": {"columns": {kind: cols for kind, (_, cols) in KINDS.items()}},
    }
    return "\n".join(toml_document(doc)) + "\n"


def write(path, text):
    """Write a UTF-8 text file with LF line ends, creating its folder."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def clear(hugo_dir):
    """Remove a previous conversion; refuse to delete a non-empty folder this script did not make."""
    if not os.path.exists(hugo_dir):
        return
    if os.listdir(hugo_dir) and not os.path.exists(os.path.join(hugo_dir, STAMP)):
        sys.exit(f"to-hugo: {hugo_dir} is not empty and was not made by to-hugo.py; not replacing it")
    shutil.rmtree(hugo_dir)


def convert(records_dir, hugo_dir):
    """Convert RECORDS_DIR into a Hugo site at HUGO_DIR; return the number of records per kind."""
    settings_path = os.path.join(records_dir, "zongwu.toml")
    if not os.path.isfile(settings_path):
        sys.exit(f"to-hugo: {records_dir} has no zongwu.toml; is it a records directory?")
    settings = read_toml(settings_path)
    clear(hugo_dir)
    write(os.path.join(hugo_dir, STAMP), "made by bench/to-hugo.py; replaced on each run\n")
    write(os.path.join(hugo_dir, "config.toml"), config(settings))
    layouts = os.path.join(hugo_dir, "layouts")
    write(os.path.join(layouts, "_default", "baseof.html"), BASEOF)
    write(os.path.join(layouts, "_default", "list.html"), LIST)
    write(os.path.join(layouts, "_default", "single.html"), SINGLE)
    write(os.path.join(layouts, "index.html"), INDEX)
    write(os.path.join(layouts, "partials", "value.html"), VALUE)

    counts = {}
    for weight, (kind, (title, _)) in enumerate(KINDS.items(), start=1):
        content = os.path.join(hugo_dir, "content", kind)
        # The weight orders the sections on the home page and in the navigation as in KINDS.
        write(os.path.join(content, "_index.md"),
              f"+++\ntitle = {toml_string(title)}\nweight = {weight}\n+++\n")
        records = find_records(records_dir, kind)
        for rid, path in records:
            try:
                record = read_toml(path)
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
                sys.exit(f"to-hugo: {path}: {e}")
            write(os.path.join(content, rid + ".md"), page(record))
        counts[kind] = len(records)
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("records_dir", help="a zongwu records directory (with zongwu.toml)")
    ap.add_argument("hugo_dir", help="the Hugo site to write (replaced if it exists)")
    a = ap.parse_args()
    counts = convert(a.records_dir, a.hugo_dir)
    summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    print(f"wrote a Hugo site of {sum(counts.values())} records ({summary}) into {a.hugo_dir}")


if __name__ == "__main__":
    main()
