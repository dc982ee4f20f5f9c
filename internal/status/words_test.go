package status

import (
	"os"
	"sync"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/i18n"
)

var (
	themeOnce  sync.Once
	themeWords map[string]*i18n.Lang
	themeErr   error
)

// words returns the UI strings of lang from the real theme
// (templates/i18n), where the public fragment's words are written.
func words(t testing.TB, lang string) *i18n.Lang {
	t.Helper()
	themeOnce.Do(func() { themeWords, themeErr = i18n.Load(os.DirFS("../../templates")) })
	if themeErr != nil {
		t.Fatal(themeErr)
	}
	return themeWords[lang]
}

// publicHTML is r's public fragment in lang, with the theme's words.
func publicHTML(t testing.TB, r *Report, lang string) string {
	t.Helper()
	h, err := r.PublicHTML(words(t, lang))
	if err != nil {
		t.Fatal(err)
	}
	return string(h)
}
