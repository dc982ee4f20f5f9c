// Command build generates the handbook site and the private status pages.
//
//	go run ./cmd/build [flags]
//
// It reads the Markdown pages of -content (content/da, content/en), the
// theme of -templates and the programme data of -data, writes the handbook
// to -out (public/, the only folder that is published) and the status pages
// of the secretariat to -private (private/, never published). Errors name
// the file and line and make the command exit with status 1; usage errors
// exit with status 2. Stopped by Ctrl-C or SIGTERM, it removes its
// half-written output folders and exits with status 130 or 143.
//
// Flags:
//
//	-content DIR     the pages (default content)
//	-templates DIR   the theme (default templates)
//	-data DIR        programme.yaml, search-synonyms.yaml and the cohorts (default data)
//	-out DIR         the public site (default public)
//	-private DIR     the private status pages (default private; "" skips them)
//	-base-url URL    the published site root, an absolute http(s) URL, e.g. https://example.org/mentor/
//	-today DATE      the status date, YYYY-MM-DD (default today in Europe/Copenhagen)
//	-serve           preview: serve -out on -addr, rebuild on change, reload the browser
//	-addr ADDR       the preview's address (default localhost:8080)
//
// Every build replaces -out and -private as a whole, so they are guarded:
// the build leaves a marker file in each (.mentorprogram-site,
// .mentorprogram-status) and refuses a folder that is not empty and has no
// marker; and -out and -private may not be, hold or lie inside -content,
// -templates or -data, nor hold the working directory (symbolic links
// followed).
//
// The last-updated date of a page comes from one `git log` over the
// content folder; without git it falls back to the page's `updated` front
// matter and then to the file's time. In a shallow clone the dates of the
// boundary commits (which list every file) are ignored, so the same
// fallback applies to files that no later commit changed.
//
// Warnings (a page without a description, a placeholder e-mail address of
// the secretariat in programme.yaml, a -base-url on this machine, which
// canonical URLs, og:url and the sitemap then point to) are printed before
// the summary.
package main
