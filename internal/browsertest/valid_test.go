package browsertest

import "testing"

// TestValidHTML: every page of the handbook (each layout, the search,
// print and 404 pages, in both languages, built for the site root and for
// a subpath) and every private status page is valid HTML by the Nu HTML
// checker, with no warnings.
func TestValidHTML(t *testing.T) {
	nu := NeedNu(t)
	siteOnce.Do(func() { site, siteErr = buildTestSite() })
	if siteErr != nil {
		skipOrFatal(t, siteErr)
	}
	nu.Check(t, site.main.Public, site.main.Private, site.sub.Public)
}
