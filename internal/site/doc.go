// Package site generates the handbook: it reads the Markdown pages of
// content/da and content/en, renders them with internal/markdown through the
// Go templates of the theme, and writes a complete static site: one folder
// per page (index.html), the search page and its index (internal/search),
// a print page holding the whole handbook, 404.html, sitemap.xml,
// robots.txt and the theme's assets with content hashes in their names.
// Every templates/layouts/NAME.html of the theme is a layout that front
// matter may name; the UI strings are the theme's templates/i18n
// (internal/i18n). A partial included with {{shared "partials/NAME.html" .}}
// gets only the page's Folder and is rendered once per distinct Folder.
//
// Every link the site writes between its own files is relative, so the
// output works from a server, from a subpath and from file://; canonical
// URLs, Open Graph and the sitemap are absolute from Options.BaseURL.
//
// Build collects every error of the content (bad front matter, unknown rule
// values, links and anchors that resolve to nothing, two pages with one URL,
// a layout the theme lacks, a second h1) and returns them together, each naming
// its file and line. Two builds of the same input are byte-identical.
package site
