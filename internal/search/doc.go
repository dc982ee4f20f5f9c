// Package search builds the handbook's Danish-aware site search at build
// time: one index per language, shipped as a script file
// (window.MENTOR_SEARCH_INDEX) so that it works offline and from file://,
// and queried in the browser by templates/assets/search.js.
//
// Words are folded and stemmed the same way on both sides: lower case, NFC,
// accents stripped except Danish æ, ø, å (ä and ö count as æ and ø), then
// the Snowball Danish stemmer, then æ→ae, ø→oe, å→aa. So "mødernes",
// "moederne" and "møde" share the term "moed", and "Ålborg" and "aalborg"
// the term "aalborg". A query word typed with aa, ae or oe is also tried
// with å, æ and ø. English gets the same folding and a plural stemmer.
//
// A query word matches index terms equal to its stem, the stems of its
// synonyms (an editable list, data/search-synonyms.yaml: "tavshedspligt"
// finds "fortrolighed"), terms that start with it (for words still being
// typed), terms of five letters or more that start it (a longer form than
// the text has: "headhunting" finds "headhunte"), and, when it has four
// letters or more, compounds that end with or hold it ("læge" finds
// "speciallæge"), each kind weighing less than the one before. A word of
// six letters or more that matches none of these is taken as misspelt:
// terms and synonyms one edit away match it (query.go's matchNear). Pages are
// ranked by BM25 over text, headings and the description plus a title
// bonus; every query word must match, or, when no page matches them all,
// any (Response.Partial says so). Each page is split into sections at its
// headings: a result links to the section that holds the most query words
// (page#anchor, with the heading), that section's heading adds to the
// page's score, and the snippet is the text around the best match there,
// the matched words marked.
//
// Own code where a library would do: the tokenizer (fold.go) reads bytes
// rather than runes, the index script is written by hand rather than by
// encoding/json (Script says why), and the builder looks each word up in
// its own table (table.go, strTable) rather than a Go map: most words fit
// in 8 bytes and are compared as one number, which took a tenth off the
// index's processor time.
//
// (*Index).Search is the reference for the script: TestNodeParity runs
// search.js under node and requires the same terms, results, scores and
// snippets.
package search
