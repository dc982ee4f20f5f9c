// Command build generates the handbook site and the private status pages.
//
//	go run ./cmd/build [flags]
//
// It reads the Markdown pages of -content (content/da, content/en), the
// theme of -templates and the programme data of -data, writes the handbook
// to -out (public/, the only folder that is published) and the status pages
// of the secretariat to -private (private/, never published). Errors name
// the file and line and make the command exit with status 1; usage errors
// exit with status 2.
//
// Flags:
//
//	-content DIR     the pages (default content)
//	-templates DIR   the theme (default templates)
//	-data DIR        programme.yaml and the cohorts (default data)
//	-out DIR         the public site (default public)
//	-private DIR     the private status pages (default private; "" skips them)
//	-base-url URL    the published site root, e.g. https://example.org/mentor/
//	-today DATE      the status date, YYYY-MM-DD (default today in Europe/Copenhagen)
//	-serve           preview: serve -out on -addr, rebuild on change, reload the browser
//	-addr ADDR       the preview's address (default localhost:8080)
//
// The last-updated date of a page comes from one `git log` over the
// content folder; without git or in a shallow clone it falls back to the
// page's `updated` front matter and then to the file's time.
package main
