#!/bin/sh
# hugo-compare.sh: builds the same synthetic handbook of N Danish pages
# (internal/site/sitegen) with Hugo and with ours, and prints both times.
#
#   bench/hugo-compare.sh [N]        (default 1000; Hugo from $HUGO or PATH)
#
# Hugo gets minimal layouts with the same sidebar (the top sections, the
# open section's pages) and no search index or print page, so the
# comparison favours Hugo. Both write to a temporary folder.
set -eu
N=${1:-1000}
HUGO=${HUGO:-hugo}
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

cat > "$TMP/gen.go" <<GO
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/laegeforeningen/mentorprogram/internal/site/sitegen"
)

func main() {
	n, _ := strconv.Atoi(os.Args[2])
	if _, err := sitegen.Generate(os.Args[1], n); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
GO
mkdir -p "$TMP/gen"
mv "$TMP/gen.go" "$TMP/gen/main.go"
# The generator runs inside the module (internal/ packages).
GEN="$ROOT/bench/.gen-$$"
mkdir -p "$GEN"
cp "$TMP/gen/main.go" "$GEN/main.go"
trap 'rm -rf "$TMP" "$GEN"' EXIT
go run "./bench/.gen-$$" "$TMP/ours" "$N"
go build -o "$TMP/build" ./cmd/build

# Hugo: the same Markdown as content/ (the Danish folder's files).
H="$TMP/hugo"
mkdir -p "$H/layouts/_default" "$H/layouts/partials"
cp -r "$TMP/ours/da" "$H/content"
cat > "$H/config.toml" <<TOML
baseURL = "https://example.org/"
languageCode = "da"
title = "Benchmark"
disableKinds = ["taxonomy", "term", "RSS"]
[markup.goldmark.renderer]
unsafe = true
TOML
cat > "$H/layouts/partials/sidebar.html" <<'HTML'
<nav aria-label="Håndbogen"><ul>
<li><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Home.Title }}</a></li>
{{ $cur := . }}
{{ range .Site.Sections.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
{{ if or (eq . $cur) ($cur.IsDescendant .) }}<ul>{{ range .Pages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
</li>{{ end }}
</ul></nav>
HTML
cat > "$H/layouts/_default/baseof.html" <<'HTML'
<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<meta name="description" content="{{ .Description }}"></head>
<body><header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a></header>
{{ partial "sidebar.html" . }}
<main><h1>{{ .Title }}</h1>{{ block "main" . }}{{ end }}</main>
{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
<footer>Benchmark</footer></body></html>
HTML
cat > "$H/layouts/_default/single.html" <<'HTML'
{{ define "main" }}<nav>{{ .TableOfContents }}</nav>{{ .Content }}{{ end }}
HTML
cat > "$H/layouts/_default/list.html" <<'HTML'
{{ define "main" }}{{ .Content }}<ul>{{ range .Pages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
HTML

mkdir -p "$TMP/data"
cp data/programme.yaml "$TMP/data/"

now() { date +%s%N; }
best_ours=0
best_hugo=0
for i in 1 2 3; do
	t0=$(now)
	"$TMP/build" -content "$TMP/ours" -templates templates -data "$TMP/data" -out "$TMP/public" -private "" -today 2026-11-22 >/dev/null 2>"$TMP/ours.log" || { cat "$TMP/ours.log"; exit 1; }
	t1=$(now)
	"$HUGO" --quiet -s "$H" -d "$TMP/hugo-public" >/dev/null 2>"$TMP/hugo.log" || { cat "$TMP/hugo.log"; exit 1; }
	t2=$(now)
	o=$(( (t1 - t0) / 1000000 )); h=$(( (t2 - t1) / 1000000 ))
	if [ $best_ours -eq 0 ] || [ $o -lt $best_ours ]; then best_ours=$o; fi
	if [ $best_hugo -eq 0 ] || [ $h -lt $best_hugo ]; then best_hugo=$h; fi
done
echo "pages: $N Danish pages (ours also builds the search index and the print page)"
echo "ours:  ${best_ours} ms (best of 3)"
echo "hugo:  ${best_hugo} ms (best of 3, $("$HUGO" version | cut -d' ' -f2))"
