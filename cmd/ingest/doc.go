// Command ingest reads the secretariat's spreadsheets (sign-ups, meeting
// logs, evaluations, and opfoelgning.xlsx from the status pages with rows
// marked handled) and merges their valid rows into the YAML under data/.
//
// Usage:
//
//	go run ./cmd/ingest [flags] FILE...
//	go run ./cmd/ingest -forget ADDRESS [-cohort ID] [-yes | -dry-run]
//	go run ./cmd/ingest -purge-expired [-yes | -dry-run]
//
// Files may be .xlsx, .csv or .txt, in any order: sign-ups are applied
// before meetings and evaluations, and follow-ups marked handled last. Each file's kind is recognised from its
// header row unless -kind is given; a header that fits two kinds equally
// well stops the run (exit status 2) and asks for -kind. Rejected rows are written, with a column
// "Fejl" holding the reasons, to FILE.afvist.xlsx in the -rejects folder
// (FILE-2.afvist.xlsx for a second input of the same name); correct them
// there and ingest that file as it is.
//
// The flags are:
//
//	-data DIR          the data folder (default "data")
//	-today YYYY-MM-DD  the reference date (default: today in Europe/Copenhagen);
//	                   meetings after it are rejected
//	-dry-run           report what would change; write nothing
//	-strict            apply nothing if any row is rejected
//	-rejects DIR       where rejected rows go (default the current folder)
//	-json              the report as JSON on stdout (also on exit status 2,
//	                   then holding the error)
//	-kind KIND         signups, meetings, evaluations, proposals or followups for every file
//	-kind FILE=KIND    the kind of one file of several (repeatable)
//	-date-order ORDER  dmy (default) or mdy, for dates written with slashes
//	                   like 3/4/2026 (14-03-2026 and 14.03.2026 are always dmy)
//	-private DIR       the private status pages, regenerated after a
//	                   successful run (default: DATA/private for real data,
//	                   "private" for the demo register; "" to skip)
//	-templates DIR     the templates folder the status pages use (default: the
//	                   theme built into the program, as templates/ was at build)
//	-version           print the program's version and stop
//	-serve             start the secretariat's desk (also with no arguments,
//	                   or no files and -addr, -open or -handbook): a local
//	                   web page, see docs/desk.md
//	-addr HOST:PORT    with -serve: a loopback address (default 127.0.0.1:0)
//	-open              with -serve: open the default browser (default true)
//	-handbook DIR      with -serve: Udgiv tal also writes DIR/data/programmet-i-tal.json
//	-forget ADDRESS    remove every record of the person with this e-mail
//	                   address: sign-up, pairs, their meetings, evaluation
//	                   ("-": read the address from standard input)
//	-cohort ID         with -forget: only in this cohort
//	-purge-expired     remove everyone past privacy.retention_months
//	-yes               with -forget or -purge-expired: remove; without it,
//	                   only what would be removed is shown (exit status 2,
//	                   or 0 with -dry-run)
//
// The report goes to stderr in Danish: per file its kind, rows read,
// accepted, rejected, added, updated, unchanged; then the problems grouped
// by reason; then the columns not stored. The exit status is 0 when every
// row was accepted, 1 when some were rejected (the valid ones applied,
// unless -strict), 2 on a usage error, a file that cannot be read at all,
// or a data folder that is missing, locked or unreadable (then nothing is
// written), and 3 when data/ was saved but the status pages (or the
// report) could not be written. The lock on data/ is held until the status pages are written.
// Stopped by Ctrl-C or SIGTERM, it lets a save in progress finish its
// renames, removes what it has half-written (the status pages' new folder,
// a rejects workbook's temporary file), releases the lock and exits with
// status 130 or 143; what a killed ingest left, the next one removes.
//
// After -forget or -purge-expired with -yes nothing printed holds the
// person's name or address: the report gives counts only (docs/ingest.md).
//
// Meeting content is never stored: a column such as Referat or Noter, in
// any kind of sheet, is dropped before its text is read, and the report
// says so.
package main
