package site_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/laegeforeningen/mentorprogram/internal/search"
	"github.com/laegeforeningen/mentorprogram/internal/site"
)

// realQueries are questions readers type, each with the page (and the
// heading, "" for the page's start) that must come first in the real
// handbook's search, with the real data/search-synonyms.yaml.
var realQueries = map[string][]struct{ q, url, anchor string }{
	"da": {
		{"tavshedspligt", "da/regler-og-etik/", "er-det-vi-taler-om-fortroligt"},
		{"fortrolighed", "da/regler-og-etik/", "er-det-vi-taler-om-fortroligt"},
		{"headhunting", "da/regler-og-etik/", "maa-min-mentor-hjaelpe-mig-til-et-job"},
		{"job anbefaling", "da/regler-og-etik/", "maa-min-mentor-hjaelpe-mig-til-et-job"},
		{"rejseudgifter", "da/regler-og-etik/", "faar-man-penge-for-at-vaere-med"},
		{"hvad koster det", "da/regler-og-etik/", "faar-man-penge-for-at-vaere-med"},
		{"hvor mange møder", "da/forloeb/", "hvor-mange-moeder-holder-vi"},
		{"hvor længe varer et forløb", "da/forloeb/", "hvor-laenge-varer-et-forloeb"},
		{"dagsorden", "da/skabeloner/dagsorden/", ""},
		{"tjekliste", "da/skabeloner/tjekliste-afklaringsmoede/", ""},
		{"refleksion", "da/skabeloner/refleksion/", ""},
		{"evaluering", "da/evaluering-og-data/", ""},
		{"kontakt sekretariatet", "da/kontakt/", "hvordan-kontakter-jeg-sekretariatet"},
		{"min mentor svarer ikke", "da/faq/", "min-mentor-svarer-ikke-hvad-goer-jeg"},
		{"aflyse møde", "da/faq/", "hvad-goer-vi-hvis-et-moede-skal-flyttes"},
		{"baggrund nottingham", "da/baggrund/", ""},
		{"tilmelding", "da/tilmelding/", "hvordan-tilmelder-jeg-mig"},
		{"hvem kan være mentee", "da/tilmelding/", "hvem-kan-vaere-mentee"},
		{"skifte mentor", "da/forloeb/nyt-match/", "kan-jeg-faa-et-nyt-match"},
		{"afslutte forløbet", "da/forloeb/nyt-match/", "hvordan-afslutter-vi-forloebet"},
		{"mentor krav", "da/mentor/", "hvad-kraever-det-at-vaere-mentor"},
		{"mødelog", "da/forloeb/moeder/", ""},
		{"indberette møder", "da/forloeb/moeder/", ""},
		{"sidste møde", "da/forloeb/afslutning/", "hvordan-giver-vi-sekretariatet-besked"},
		{"slette mine oplysninger", "da/evaluering-og-data/", "kan-jeg-se-rette-eller-slette-mine-oplysninger"},
		{"uenighed med min mentor", "da/forloeb/nyt-match/", "hvad-goer-vi-foerst"},
		{"vi er uenige", "da/forloeb/nyt-match/", ""},
		{"kemien passer ikke", "da/forloeb/nyt-match/", ""},
		{"personkemi", "da/forloeb/nyt-match/", ""},
		{"privatliv", "da/evaluering-og-data/", "hvor-laenge-gemmes-oplysningerne"},
		// misspelt
		{"tavshedsplikt", "da/regler-og-etik/", "er-det-vi-taler-om-fortroligt"},
		{"rejseudgiter", "da/regler-og-etik/", "faar-man-penge-for-at-vaere-med"},
		{"hedhunting", "da/regler-og-etik/", "maa-min-mentor-hjaelpe-mig-til-et-job"},
	},
	"en": {
		{"confidentiality", "en/rules-and-ethics/", "is-what-we-say-confidential"},
		{"headhunting", "en/rules-and-ethics/", "can-my-mentor-help-me-get-a-job"},
		{"travel expenses", "en/rules-and-ethics/", "is-there-any-payment"},
		{"how many meetings", "en/course/", "how-many-meetings-do-we-hold"},
		{"agenda", "en/templates/agenda/", ""},
		{"evaluation", "en/evaluation-and-data/", ""},
		{"sign up", "en/joining/", "how-do-i-sign-up"},
		{"new match", "en/course/new-match/", "can-i-get-a-new-match"},
		{"meeting log", "en/course/meetings/", ""},
		{"delete my data", "en/evaluation-and-data/", "can-i-see-correct-or-delete-my-data"},
		{"what does it cost", "en/faq/", "do-i-get-paid-for-taking-part"},
		{"privacy", "en/evaluation-and-data/", ""},
		{"conflict with my mentor", "en/course/responsibilities/", "what-if-something-isn-t-working"},
		{"no chemistry", "en/course/new-match/", ""},
		{"report meetings", "en/course/meetings/", ""},
		{"mentor requirements", "en/mentor/", "what-does-it-take-to-be-a-mentor"},
		{"my mentor does not answer", "en/faq/", "my-mentor-doesn-t-reply-what-should-i-do"},
		// misspelt
		{"recuit", "en/rules-and-ethics/", "can-my-mentor-help-me-get-a-job"},
		{"confidentiallity", "en/rules-and-ethics/", "is-what-we-say-confidential"},
		{"evalution", "en/evaluation-and-data/", ""},
	},
}

// TestRealContentSearch builds the real handbook and runs realQueries
// against the index it ships, in Go and (where node is installed) in
// search.js.
func TestRealContentSearch(t *testing.T) {
	root := repoRoot(t)
	src, err := os.ReadFile(filepath.Join(root, "data", "search-synonyms.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	syn, err := search.ParseSynonyms("data/search-synonyms.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(site.Options{
		Content:     os.DirFS(filepath.Join(root, "content")),
		ContentName: "content",
		Templates:   os.DirFS(filepath.Join(root, "templates")),
		Values:      programmeValues(t, root),
		Synonyms:    syn,
		Out:         out,
		BaseURL:     "https://example.org/",
		Today:       time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC),
	}); err != nil {
		t.Fatal(err)
	}
	node, _ := exec.LookPath("node")
	for _, lang := range []string{"da", "en"} {
		files, _ := filepath.Glob(filepath.Join(out, "assets", "search-index."+lang+".*.js"))
		if len(files) != 1 {
			t.Fatalf("%s: search index files %v", lang, files)
		}
		script, err := os.ReadFile(files[0])
		if err != nil {
			t.Fatal(err)
		}
		ix, err := search.ParseScript(script)
		if err != nil {
			t.Fatal(err)
		}
		var queries []string
		for _, tt := range realQueries[lang] {
			queries = append(queries, tt.q)
			r := ix.Query(tt.q)
			if len(r.Results) == 0 {
				t.Errorf("%s %q: nothing found, want %s#%s", lang, tt.q, tt.url, tt.anchor)
				continue
			}
			if got := r.Results[0]; got.URL != tt.url || got.Anchor != tt.anchor || r.Partial {
				t.Errorf("%s %q: first %s#%s (partial %v), want %s#%s", lang, tt.q, got.URL, got.Anchor, r.Partial, tt.url, tt.anchor)
			}
		}
		if node == "" {
			continue
		}
		// search.js on the same index puts the same page and heading first.
		driver := `const fs = require('fs'), vm = require('vm'), s = require(process.argv[1]);
const ctx = {window: {}}; vm.runInNewContext(fs.readFileSync(process.argv[2], 'utf8'), ctx);
const ix = s.load(ctx.window.MENTOR_SEARCH_INDEX);
process.stdout.write(JSON.stringify(JSON.parse(process.argv[3]).map(q => { const h = s.search(ix, q).hits[0]; return h ? h.url + '#' + h.anchor : ''; })));`
		qj, _ := json.Marshal(queries)
		js, err := exec.Command(node, "-e", driver, "--", filepath.Join(root, "templates", "assets", "search.js"), files[0], string(qj)).Output()
		if err != nil {
			t.Fatalf("node: %v", err)
		}
		var firsts []string
		if err := json.Unmarshal(js, &firsts); err != nil {
			t.Fatal(err)
		}
		for i, tt := range realQueries[lang] {
			if want := tt.url + "#" + tt.anchor; i >= len(firsts) || firsts[i] != want {
				got := ""
				if i < len(firsts) {
					got = firsts[i]
				}
				t.Errorf("search.js %s %q: first %q, want %q", lang, tt.q, got, want)
			}
		}
	}
}
