#!/bin/sh
# hugo-compare.sh: builds the same synthetic handbook of N Danish pages
# (internal/site/sitegen) with Hugo and with ours, and prints both times.
#
#   bench/hugo-compare.sh [N]        (default 1000; Hugo from $HUGO or PATH;
#                                     ROUNDS=5 rounds; needs GNU time,
#                                     /usr/bin/time)
#
# Hugo gets minimal layouts with the same sidebar (the top sections, the
# open section's pages), in its strongest setup: partialCached, so the
# sidebar is rendered once per section, not once per page; and no search
# index or print page. So the comparison favours Hugo. Both write to a
# temporary folder, and both are timed twice per round, the order
# alternating from round to round:
#
#   new folder: into a folder that does not exist yet, as in CI. Both do
#               the same file system work: every folder and file is new.
#   rebuild:    again over that build, as the preview does. Hugo
#               overwrites its files in place and leaves stale ones; ours
#               renders everything first, then writes only the files whose
#               bytes changed (none, here) and removes stale ones.
#
# Each round of new folders also times the file system's part alone
# (bench/fsfloor: our output written again into a new folder, no
# rendering), which no build of the same files into a new folder can go
# below. The times are the best of the rounds: the machine may be shared.
# Creating files is slow on ext4 without a journal for a minute or so
# after many were deleted, and this script deletes its folders when it
# ends: wait a minute between two runs (docs/handbook.md, Speed).
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
{{ partialCached "sidebar.html" . .Section }}
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

ROUNDS=${ROUNDS:-5}
go build -o "$TMP/fsfloor" ./bench/fsfloor
# run TOOL OUT: builds with TOOL (ours or hugo) into OUT and prints the
# milliseconds taken, of the clock and of the processor (user + system,
# all threads): on a shared, loaded machine the processor time is the
# steadier measure.
run() {
	if [ "$1" = ours ]; then
		set -- "$TMP/build" -content "$TMP/ours" -templates templates -data "$TMP/data" -out "$2" -private "" -today 2026-11-22
	else
		set -- "$HUGO" --quiet -s "$H" -d "$2"
	fi
	/usr/bin/time -f "%e %U %S" -o "$TMP/time" "$@" >/dev/null 2>"$TMP/log" || { cat "$TMP/log" >&2; exit 1; }
	awk '{ printf "%d %d", $1 * 1000, ($2 + $3) * 1000 }' "$TMP/time"
}
# best NAME MS: keeps the least of the times given for NAME.
best() {
	eval "b=\${best_$1:-0}"
	if [ "$b" -eq 0 ] || [ "$2" -lt "$b" ]; then eval "best_$1=$2"; fi
}
# All new-folder builds first, then the rebuilds, each over the build of
# the same round.
for mode in new rebuild; do
	i=1
	while [ $i -le "$ROUNDS" ]; do
		order="ours hugo"
		if [ $((i % 2)) -eq 0 ]; then order="hugo ours"; fi
		for tool in $order; do
			t=$(run $tool "$TMP/out-$tool-$i")
			best "${mode}_$tool" "${t% *}"
			best "${mode}_cpu_$tool" "${t#* }"
		done
		# The file system's part alone, in each round of new folders:
		# our output written again into a new folder, no rendering
		# (bench/fsfloor). No build of these files can take less.
		if [ "$mode" = new ]; then
			best floor "$("$TMP/fsfloor" "$TMP/out-ours-1" "$TMP/floor-$i" 1)"
		fi
		i=$((i + 1))
	done
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "pages: $N Danish pages (ours also builds the search index and the print page)"
echo "hugo:  $("$HUGO" version | cut -d' ' -f2); best of $ROUNDS rounds, ms; load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
echo "new folder: ours ${best_new_ours} ms, hugo ${best_new_hugo} ms (ours/hugo $(ratio "$best_new_ours" "$best_new_hugo"));" \
	"processor: ${best_new_cpu_ours} ms vs ${best_new_cpu_hugo} ms ($(ratio "$best_new_cpu_ours" "$best_new_cpu_hugo"))"
echo "file system alone, a new folder: ${best_floor} ms ($(ratio "$best_floor" "$best_new_hugo") of hugo's new folder)"
echo "rebuild:    ours ${best_rebuild_ours} ms, hugo ${best_rebuild_hugo} ms (ours/hugo $(ratio "$best_rebuild_ours" "$best_rebuild_hugo"));" \
	"processor: ${best_rebuild_cpu_ours} ms vs ${best_rebuild_cpu_hugo} ms ($(ratio "$best_rebuild_cpu_ours" "$best_rebuild_cpu_hugo"))"
