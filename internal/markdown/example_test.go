package markdown_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/laegeforeningen/mentorprogram/internal/i18n"
	"github.com/laegeforeningen/mentorprogram/internal/markdown"
)

func ExampleRender() {
	src := []byte(`---
title: Forløbet
---
Et forløb varer {{rule rules.duration_months.max}} måneder. Se [ansvar](ansvar.md#hvem).

## Hvad sker der på mødet?

> [!TIP]
> Send en "dagsorden".
`)
	fm, body, line, err := markdown.SplitFrontMatter("content/da/forloeb.md", src)
	if err != nil {
		panic(err)
	}
	words, err := i18n.Load(os.DirFS("../../templates")) // the theme's UI strings
	if err != nil {
		panic(err)
	}
	res, err := markdown.Render("content/da/forloeb.md", body, line, markdown.Options{
		Lang:   "da",
		Words:  words["da"].Markdown,
		Values: map[string]string{"rules.duration_months.max": "12"},
		Links: func(dest string) (string, error) {
			return "/da/" + strings.Replace(dest, ".md", "/", 1), nil
		},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(fm.Title)
	fmt.Print(string(res.HTML))
	fmt.Println(res.Links)
	// Output:
	// Forløbet
	// <p>Et forløb varer 12 måneder. Se <a href="/da/ansvar/#hvem">ansvar</a>.</p>
	// <h2 id="hvad-sker-der-paa-moedet">Hvad sker der på mødet?&nbsp;<a class="heading-anchor" href="#hvad-sker-der-paa-moedet" aria-label="Link til dette afsnit">#</a></h2>
	// <div class="callout callout-tip" role="note">
	// <p class="callout-title">Tip</p>
	// <p>Send en »dagsorden«.</p>
	// </div>
	// [{ansvar.md#hvem 4}]
}

func ExampleSlug() {
	fmt.Println(markdown.Slug("Hvad sker der på afklaringsmødet?"))
	// Output: hvad-sker-der-paa-afklaringsmoedet
}
