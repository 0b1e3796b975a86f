#!/bin/sh
# Regenerates the seed corpora in fuzz/seeds/ from the sample records in records/.
#
#   seeds/record/   every records/<kind>/**/*.toml, prefixed by its kind byte
#                   (0 asset, 1 repair, 2 purchase, 3 inspection, 4 budget, 5 project,
#                   6 contract: the index in zongwu::model::Kind::ALL), named
#                   <kind>-<stem>
#   seeds/markdown/ records/summaries/*.md, every `notes` string of the records, and
#                   the hostile snippets below (XSS vectors, escapes from attachments/)
#
# Run from anywhere: sh fuzz/make-seeds.sh. Needs python3 (3.11+, for tomllib).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
records="$here/../records"
rm -rf "$here/seeds/record" "$here/seeds/markdown"
mkdir -p "$here/seeds/record" "$here/seeds/markdown"

i=0
for kind in assets repairs purchases inspections budgets projects contracts; do
    find "$records/$kind" -name '*.toml' -type f | sort | while read -r f; do
        stem=$(basename "$f" .toml)
        out="$here/seeds/record/$kind-$stem"
        printf "\\$(printf '%03o' "$i")" > "$out"
        cat "$f" >> "$out"
    done
    i=$((i + 1))
done

for f in "$records"/summaries/*.md; do
    cp "$f" "$here/seeds/markdown/summary-$(basename "$f" .md)"
done

python3 - "$records" "$here/seeds/markdown" <<'PY'
import hashlib, pathlib, sys, tomllib

records, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])

def notes(value):
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "notes" and isinstance(v, str):
                yield v
            else:
                yield from notes(v)
    elif isinstance(value, list):
        for v in value:
            yield from notes(v)

seen = set()
for path in sorted(records.rglob("*.toml")):
    for note in notes(tomllib.loads(path.read_text("utf-8"))):
        if note not in seen:
            seen.add(note)
            name = "notes-" + hashlib.sha1(note.encode()).hexdigest()[:12]
            (out / name).write_text(note, "utf-8")

hostile = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)>",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<a href=\"  javascript:alert(1)\">x</a>",
    "<a href=\"jav&#x0A;ascript:alert(1)\">x</a>",
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1) \"t\")",
    "[x](<java script:alert(1)>)",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "<svg onload=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<form action=\"javascript:alert(1)\"><button formaction=javascript:alert(1)>x</button></form>",
    "<details open ontoggle=alert(1)>",
    "<a href=\"vbscript:msgbox(1)\">x</a>",
    "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
    "<!-- <script>alert(1)</script> -->",
    "<a title=\"<script>\" href=\"https://example.com\">x</a>",
    "[a](https://example.com \"x\\\" onmouseover=alert(1)\")",
    "[scan](attachments/scan.pdf) ![photo](attachments/a.jpg)",
    "[x](attachments/../../etc/passwd) [y](attachments/%2e%2e/x) [z](attachments\\..\\x)",
    "[x](<attachments/.\t./.\t./x>) ![y](<attachments/.\t./.\t./y.png>)",
    "<a href=\"attachments/.&#9;./.&#9;./x\">x</a>",
    "<img src=\"attachments/a.png\" srcset=\"javascript:alert(1) 1x\">",
    "| a | b |\n|---|---|\n| <script>x</script> | ~~[y](javascript:1)~~ |\n",
    "[x](#frag) [m](mailto:a@example.com) <https://example.com> <a@example.com>",
]
for n, h in enumerate(hostile):
    (out / f"hostile-{n:02}").write_text(h, "utf-8")
PY

echo "seeds: $(ls "$here/seeds/record" | wc -l) record, $(ls "$here/seeds/markdown" | wc -l) markdown"
