// Command gen writes the example spreadsheets in examples/: a sign-up sheet
// (tilmeldinger.csv, Danish Excel "CSV (semikolonsepareret)" in
// Windows-1252), a meeting log (moedelog.xlsx, with real date cells shown in
// a US format, a confidential Referat column and a hidden sheet), an
// evaluation export in Microsoft Forms' CSV form (evaluering.csv, UTF-8 with
// a byte order mark) and a meeting log with deliberate errors
// (med-fejl.csv). Every person in them is invented.
//
// Run it from the repository root: go run ./examples/gen
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

func main() {
	out := flag.String("out", "examples", "the folder to write to")
	flag.Parse()
	if err := Write(*out); err != nil {
		log.Fatal(err)
	}
}

// person is an invented participant.
type person struct {
	name, email, role, cohort, signed, specialty, workplace, region string
	// on a mentee: the match
	mentor, matched, status, ended string
}

// wishes are a sign-up's answers for the matching suggestions.
type wishes struct {
	wish, themes, form, capacity, seniority, avoid string
}

// matching are the answers of the 2026 spring cohort's free mentors and
// waiting mentees, so that the demo has matching suggestions to show:
// Johanne wishes for a GP and avoids Aalborg Universitetshospital (where
// Vibeke works); Karl wishes for a geriatrician.
var matching = map[string]wishes{
	mail("johanne.jaevnsides"):  {"Almen medicin", "Karrierevalg, Arbejds- og familieliv", "online", "", "HU-læge", "Aalborg Universitetshospital"},
	mail("karl.koe"):            {"Geriatri", "Speciallægeuddannelse", "begge", "", "Introduktionslæge", ""},
	"aage.aeroesen@example.com": {"", "Karrierevalg, Arbejds- og familieliv, Konflikter på arbejdet", "online", "2", "Praktiserende læge", ""},
	mail("ulla.udtaenkt"):       {"", "Speciallægeuddannelse, Ledelse", "begge", "1", "Overlæge", ""},
	mail("vibeke.vikar"):        {"", "Forskning", "fysisk", "1", "Afdelingslæge", ""},
}

type meeting struct {
	mentee, date, typ, agenda, held, minutes, form, contact, notes string
}

type evaluation struct {
	email, completed                        string
	tilfredshed, udbytte, match, anbefaling string
	comment                                 string
}

// The cohorts as the sign-up sheet names them: stored under the ids
// 2025-efteraar and 2026-foraar, with these as their display names.
const (
	e25 = "2025 Efterår"
	f26 = "2026 Forår"
)

func mail(s string) string { return s + "@example.org" }

// The 2025 autumn cohort: eleven pairs, most of them finished by the
// example's reference day, 22 November 2026.
var people = []person{
	// 2025-efteraar mentors
	{"Mette Eksempelsen", mail("mette.eksempelsen"), "Mentor", e25, "02-06-2025 09:14", "Almen medicin", "Lægehuset Eksempelby", "Region Hovedstaden", "", "", "", ""},
	{"Søren Prøvesen", mail("soeren.proevesen"), "Mentor", e25, "03-06-2025 12:01", "Kirurgi", "Hvidovre Hospital", "Region Hovedstaden", "", "", "", ""},
	{"Lone Testrup", mail("lone.testrup"), "Mentor", e25, "05-06-2025 08:40", "Pædiatri", "Odense Universitetshospital", "Region Syddanmark", "", "", "", ""},
	{"Henrik Demoholm", mail("henrik.demoholm"), "Mentor", e25, "10-06-2025 21:33", "Psykiatri", "Psykiatrien Region Sjælland", "Region Sjælland", "", "", "", ""},
	{"Birgitte Fiktivsen", mail("birgitte.fiktivsen"), "Mentor", e25, "11-06-2025 07:55", "Anæstesiologi", "Rigshospitalet", "Region Hovedstaden", "", "", "", ""},
	{"Ole Opdigtet", mail("ole.opdigtet"), "Mentor", e25, "12-06-2025 16:20", "Ortopædkirurgi", "Aalborg Universitetshospital", "Region Nordjylland", "", "", "", ""},
	{"Hanne Påtaget", mail("hanne.paataget"), "Mentor", e25, "16-06-2025 10:02", "Gynækologi og obstetrik", "Herlev Hospital", "Region Hovedstaden", "", "", "", ""},
	{"Jens Skabelon", mail("jens.skabelon"), "Mentor", e25, "18-06-2025 13:45", "Intern medicin", "Regionshospitalet Gødstrup", "Region Midtjylland", "", "", "", ""},
	{"Kirsten Attrap", mail("kirsten.attrap"), "Mentor", e25, "20-06-2025 09:30", "Neurologi", "Sjællands Universitetshospital", "Region Sjælland", "", "", "", ""},
	{"Per Dummesen", mail("per.dummesen"), "Mentor", e25, "23-06-2025 11:11", "Radiologi", "Sydvestjysk Sygehus", "Region Syddanmark", "", "", "", ""},
	{"Inge Mønstergaard", mail("inge.moenstergaard"), "Mentor", e25, "25-06-2025 14:50", "Almen medicin", "Lægerne i Testrup", "Region Midtjylland", "", "", "", ""},
	// 2025-efteraar mentees
	{"Anna Afprøvning", mail("anna.afproevning"), "Mentee", e25, "01-07-2025 08:00", "Almen medicin", "Lægehuset Prøvested", "Region Hovedstaden", mail("mette.eksempelsen"), "15-09-2025", "afsluttet", "10-09-2026"},
	{"Bo Bestemt", mail("bo.bestemt"), "Mentee", e25, "02-07-2025 10:30", "Kirurgi", "Bispebjerg Hospital", "Region Hovedstaden", mail("soeren.proevesen"), "15-09-2025", "", ""},
	{"Camilla Case", mail("camilla.case"), "Mentee", e25, "04-07-2025 19:12", "Pædiatri", "Kolding Sygehus", "Region Syddanmark", mail("lone.testrup"), "16-09-2025", "afbrudt", "31-01-2026"},
	{"Dennis Dataløs", mail("dennis.dataloes"), "Mentee", e25, "07-07-2025 09:09", "Psykiatri", "Psykiatrisk Center Eksempelby", "Region Sjælland", mail("henrik.demoholm"), "16-09-2025", "", ""},
	{"Emma Eksempel", mail("emma.eksempel"), "Mentee", e25, "08-07-2025 15:45", "Anæstesiologi", "rigshospitalet ", "Region Hovedstaden", mail("birgitte.fiktivsen"), "17-09-2025", "afsluttet", "20-09-2026"},
	{"Frederik Fiktiv", mail("frederik.fiktiv"), "Mentee", e25, "10-07-2025 11:25", "Ortopædkirurgi", "Regionshospitalet Randers", "Region Midtjylland", mail("ole.opdigtet"), "17-09-2025", "afsluttet", "31-08-2026"},
	{"Gitte Gætværk", mail("gitte.gaetvaerk"), "Mentee", e25, "14-07-2025 13:00", "Gynækologi og obstetrik", "Hvidovre Hospital", "Region Hovedstaden", mail("hanne.paataget"), "18-09-2025", "afsluttet", "01-09-2026"},
	{"Hans Hypotese", mail("hans.hypotese"), "Mentee", e25, "21-07-2025 08:47", "Intern medicin", "Hospitalsenheden Vest", "Region Midtjylland", mail("jens.skabelon"), "18-09-2025", "afsluttet", "15-09-2026"},
	{"Ida Imaginær", mail("ida.imaginaer"), "Mentee", e25, "28-07-2025 20:05", "Neurologi", "Slagelse Sygehus", "Region Sjælland", mail("kirsten.attrap"), "19-09-2025", "afsluttet", "01-10-2026"},
	{"Jakob Jokesen", mail("jakob.jokesen"), "Mentee", e25, "04-08-2025 12:12", "Radiologi", "Esbjerg Sygehus", "Region Syddanmark", mail("per.dummesen"), "19-09-2025", "afsluttet", "25-09-2026"},
	{"Katrine Kladde", mail("katrine.kladde"), "Mentee", e25, "11-08-2025 09:58", "Almen medicin", "Lægehuset Kladdeby", "Region Midtjylland", mail("inge.moenstergaard"), "22-09-2025", "afsluttet", "30-09-2026"},

	// 2026-foraar mentors
	{"Lars Lånt", mail("lars.laant"), "Mentor", f26, "05-01-2026 10:00", "Kardiologi", "Aarhus Universitetshospital", "Region Midtjylland", "", "", "", ""},
	{"Maria Model", mail("maria.model"), "Mentor", f26, "06-01-2026 11:30", "Almen medicin", "Lægehuset Modelvej", "Region Syddanmark", "", "", "", ""},
	{"Niels Navnløs", mail("niels.navnloes"), "Mentor", f26, "07-01-2026 08:15", "Kirurgi", "Nordsjællands Hospital", "Region Hovedstaden", "", "", "", ""},
	{"Pia Pseudonym", mail("pia.pseudonym"), "Mentor", f26, "08-01-2026 14:40", "Onkologi", "Odense Universitetshospital", "Region Syddanmark", "", "", "", ""},
	{"Rasmus Rollespil", mail("rasmus.rollespil"), "Mentor", f26, "09-01-2026 09:05", "Psykiatri", "Psykiatrisk Center Prøvested", "Region Hovedstaden", "", "", "", ""},
	{"Susanne Stand-in", mail("susanne.standin"), "Mentor", f26, "12-01-2026 16:16", "Dermatologi", "Roskilde Sygehus", "Region Sjælland", "", "", "", ""},
	{"Torben Tænkt", mail("torben.taenkt"), "Mentor", f26, "13-01-2026 12:00", "Reumatologi", "Aarhus Universitetshospital", "Region Midtjylland", "", "", "", ""},
	{"Ulla Udtænkt", mail("ulla.udtaenkt"), "Mentor", f26, "14-01-2026 10:45", "Geriatri", "Bornholms Hospital", "Region Hovedstaden", "", "", "", ""},
	{"Vibeke Vikar", mail("vibeke.vikar"), "Mentor", f26, "15-01-2026 13:20", "Øre-næse-hals", "Aalborg Universitetshospital", "Region Nordjylland", "", "", "", ""},
	{"Åge Ærøsen", "aage.aeroesen@example.com", "Mentor", f26, "28-01-2026 07:50", "Almen medicin", "Lægehuset Ærøbyen", "Region Syddanmark", "", "", "", ""},
	// 2026-foraar mentees
	{"Alberte Antagelse", mail("alberte.antagelse"), "Mentee", f26, "19-01-2026 09:00", "Kardiologi", "Regionshospitalet Horsens", "Region Midtjylland", mail("lars.laant"), "16-03-2026", "aktiv", ""},
	{"Benjamin Bud", mail("benjamin.bud"), "Mentee", f26, "20-01-2026 10:10", "Almen medicin", "Lægehuset Budstrup", "Region Syddanmark", mail("maria.model"), "16-03-2026", "", ""},
	{"Cecilie Cirka", mail("cecilie.cirka"), "Mentee", f26, "21-01-2026 11:20", "Kirurgi", "Herlev Hospital", "Region Hovedstaden", mail("niels.navnloes"), "16-03-2026", "", ""},
	{"David Drøm", mail("david.droem"), "Mentee", f26, "22-01-2026 12:30", "Onkologi", "Vejle Sygehus", "Region Syddanmark", mail("pia.pseudonym"), "17-03-2026", "", ""},
	{"Eva Estimat", mail("eva.estimat"), "Mentee", f26, "23-01-2026 13:40", "Psykiatri", "Psykiatrisk Center Eksempelby", "Region Hovedstaden", mail("rasmus.rollespil"), "17-03-2026", "", ""},
	{"Filip Forsøg", mail("filip.forsoeg"), "Mentee", f26, "26-01-2026 14:50", "Dermatologi", "Holbæk Sygehus", "Region Sjælland", mail("susanne.standin"), "02-11-2026", "", ""},
	{"Greta Gisning", mail("greta.gisning"), "Mentee", f26, "27-01-2026 15:55", "Kardiologi", "AUH", "Region Midtjylland", mail("torben.taenkt"), "18-03-2026", "", ""},
	{"Holger Hittepå", mail("holger.hittepaa"), "Mentee", f26, "29-01-2026 08:25", "Geriatri", "Bornholms Hospital, Rønne", "Region Hovedstaden", mail("ulla.udtaenkt"), "18-03-2026", "afbrudt", ""},
	{"Iben Idé", mail("iben.ide"), "Mentee", f26, "30-01-2026 09:35", "Øre-næse-hals", "Regionshospital Nordjylland", "Region Nordjylland", mail("vibeke.vikar"), "19-03-2026", "afsluttet", "30-10-2026"},
	// waiting for a match
	{"Johanne Jævnsides", mail("johanne.jaevnsides"), "Mentee", f26, "02-02-2026 10:00", "Almen medicin", "Lægehuset Ventested", "Region Nordjylland", "", "", "", ""},
	{"Karl Kø", mail("karl.koe"), "Mentee", f26, "26-10-2026 18:30", "Intern medicin", "Nykøbing F. Sygehus", "Region Sjælland", "", "", "", ""},
}

// Meetings: date, type (blank: not marked), agenda, held, minutes, form,
// contact requested, notes (a Referat the ingester must drop).
var meetings = []meeting{
	// Anna: completed, agenda always sent
	{mail("anna.afproevning"), "29-09-2025", "Afklaringsmøde", "ja", "ja", "90", "fysisk", "nej", "Forventninger og rammer aftalt."},
	{mail("anna.afproevning"), "03-11-2025", "Møde", "ja", "ja", "60", "video", "nej", "Vagtplanlægning."},
	{mail("anna.afproevning"), "12-01-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("anna.afproevning"), "09-03-2026", "Møde", "ja", "ja", "75", "fysisk", "nej", ""},
	{mail("anna.afproevning"), "18-05-2026", "Møde", "ja", "ja", "60", "video", "nej", ""},
	{mail("anna.afproevning"), "24-08-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", "Afslutning."},
	// Bo: not marked, twelve months passed, meets on by mutual wish (past-12-months)
	{mail("bo.bestemt"), "06-10-2025", "", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("bo.bestemt"), "17-11-2025", "", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("bo.bestemt"), "26-01-2026", "", "ja", "ja", "45", "telefon", "nej", ""},
	{mail("bo.bestemt"), "30-03-2026", "", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("bo.bestemt"), "08-06-2026", "", "ja", "ja", "60", "video", "nej", ""},
	{mail("bo.bestemt"), "31-08-2026", "", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("bo.bestemt"), "19-10-2026", "", "ja", "ja", "60", "fysisk", "nej", ""},
	// Camilla: stopped in January
	{mail("camilla.case"), "01-10-2025", "Afklaringsmøde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("camilla.case"), "10-11-2025", "Møde", "nej", "ja", "30", "telefon", "nej", ""},
	{mail("camilla.case"), "15-12-2025", "Møde", "ja", "nej", "", "", "nej", ""},
	// Dennis: active past twelve months with too few meetings (overdue), quiet since February
	{mail("dennis.dataloes"), "08-10-2025", "Afklaringsmøde", "ja", "ja", "60", "video", "nej", ""},
	{mail("dennis.dataloes"), "24-11-2025", "Møde", "ja", "ja", "60", "video", "nej", ""},
	{mail("dennis.dataloes"), "16-02-2026", "Møde", "ja", "ja", "45", "video", "nej", ""},
	// Emma: completed; mentor and mentee at the same hospital
	{mail("emma.eksempel"), "30-09-2025", "Afklaringsmøde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("emma.eksempel"), "04-11-2025", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("emma.eksempel"), "13-01-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("emma.eksempel"), "17-03-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("emma.eksempel"), "26-05-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("emma.eksempel"), "08-09-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	// Frederik, Gitte, Hans, Ida, Jakob, Katrine: completed
	{mail("frederik.fiktiv"), "01-10-2025", "Afklaringsmøde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("frederik.fiktiv"), "10-11-2025", "Møde", "ja", "ja", "60", "video", "nej", ""},
	{mail("frederik.fiktiv"), "19-01-2026", "Møde", "ja", "ja", "60", "video", "nej", ""},
	{mail("frederik.fiktiv"), "23-03-2026", "Møde", "ja", "ja", "60", "video", "nej", ""},
	{mail("frederik.fiktiv"), "15-06-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("gitte.gaetvaerk"), "02-10-2025", "Afklaringsmøde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("gitte.gaetvaerk"), "06-11-2025", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("gitte.gaetvaerk"), "08-01-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("gitte.gaetvaerk"), "05-03-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("gitte.gaetvaerk"), "07-05-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("hans.hypotese"), "06-10-2025", "Afklaringsmøde", "ja", "ja", "60", "video", "nej", ""},
	{mail("hans.hypotese"), "10-11-2025", "Møde", "ja", "ja", "60", "video", "nej", ""},
	{mail("hans.hypotese"), "12-01-2026", "Møde", "ja", "ja", "60", "video", "nej", ""},
	{mail("hans.hypotese"), "09-03-2026", "Møde", "ja", "ja", "60", "video", "nej", ""},
	{mail("hans.hypotese"), "04-05-2026", "Møde", "ja", "ja", "60", "video", "nej", ""},
	{mail("ida.imaginaer"), "07-10-2025", "Afklaringsmøde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("ida.imaginaer"), "18-11-2025", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("ida.imaginaer"), "20-01-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("ida.imaginaer"), "24-03-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("ida.imaginaer"), "26-05-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("jakob.jokesen"), "08-10-2025", "Afklaringsmøde", "ja", "ja", "60", "telefon", "nej", ""},
	{mail("jakob.jokesen"), "12-11-2025", "Møde", "ja", "ja", "60", "telefon", "nej", ""},
	{mail("jakob.jokesen"), "14-01-2026", "Møde", "ja", "ja", "60", "video", "nej", ""},
	{mail("jakob.jokesen"), "11-03-2026", "Møde", "ja", "ja", "60", "video", "nej", ""},
	{mail("jakob.jokesen"), "13-05-2026", "Møde", "ja", "ja", "60", "video", "nej", ""},
	{mail("katrine.kladde"), "09-10-2025", "Afklaringsmøde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("katrine.kladde"), "13-11-2025", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("katrine.kladde"), "15-01-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("katrine.kladde"), "12-03-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("katrine.kladde"), "21-05-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},

	// 2026-foraar
	// Alberte: active, on track
	{mail("alberte.antagelse"), "23-03-2026", "Afklaringsmøde", "ja", "ja", "90", "fysisk", "nej", "Mål for forløbet."},
	{mail("alberte.antagelse"), "27-04-2026", "Møde", "ja", "ja", "60", "video", "nej", ""},
	{mail("alberte.antagelse"), "08-06-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("alberte.antagelse"), "24-08-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("alberte.antagelse"), "09-11-2026", "Møde", "ja", "ja", "60", "video", "nej", ""},
	// Benjamin: quiet since June
	{mail("benjamin.bud"), "06-04-2026", "Afklaringsmøde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("benjamin.bud"), "11-05-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("benjamin.bud"), "15-06-2026", "Møde", "ja", "ja", "60", "video", "nej", ""},
	// Cecilie: matched in March, no meeting yet (no-first-contact)
	// David: an agenda not sent; the first meeting not marked (inferred)
	{mail("david.droem"), "30-03-2026", "", "ja", "ja", "60", "video", "nej", ""},
	{mail("david.droem"), "04-05-2026", "", "nej", "ja", "60", "video", "nej", ""},
	{mail("david.droem"), "22-06-2026", "", "ja", "ja", "45", "telefon", "nej", ""},
	{mail("david.droem"), "07-09-2026", "", "ja", "ja", "60", "video", "nej", ""},
	{mail("david.droem"), "02-11-2026", "", "ja", "ja", "60", "video", "nej", ""},
	// Eva: asks for contact from the secretariat in her latest entry
	{mail("eva.estimat"), "25-03-2026", "Afklaringsmøde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("eva.estimat"), "11-05-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("eva.estimat"), "29-06-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("eva.estimat"), "31-08-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("eva.estimat"), "05-11-2026", "Møde", "ja", "ja", "30", "telefon", "ja", "Ønsker en samtale om forløbet."},
	// Greta: same workplace as her mentor (AUH); active
	{mail("greta.gisning"), "01-04-2026", "Afklaringsmøde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("greta.gisning"), "20-05-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("greta.gisning"), "01-07-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("greta.gisning"), "23-09-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	// Holger: stopped (no end date written)
	{mail("holger.hittepaa"), "08-04-2026", "Afklaringsmøde", "ja", "ja", "60", "video", "nej", ""},
	{mail("holger.hittepaa"), "20-05-2026", "Møde", "ja", "ja", "45", "video", "nej", ""},
	// Iben: completed early
	{mail("iben.ide"), "26-03-2026", "Afklaringsmøde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("iben.ide"), "27-04-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("iben.ide"), "01-06-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
	{mail("iben.ide"), "17-08-2026", "Møde", "ja", "ja", "60", "video", "nej", ""},
	{mail("iben.ide"), "19-10-2026", "Møde", "ja", "ja", "60", "fysisk", "nej", ""},
}

// Evaluations in Microsoft Forms' export. The 2025 mentees are ten (their
// comments may be shown); the 2026 mentors are one (suppressed).
var evaluations = []evaluation{
	{mail("anna.afproevning"), "14-09-2026 20:11:05", "5", "5", "5", "10", "Det bedste ved forløbet var at have én at spørge uden for min egen afdeling."},
	{mail("bo.bestemt"), "20-10-2026 09:02:44", "4", "4", "5", "9", "Godt match. Vi fortsætter lidt endnu."},
	{mail("dennis.dataloes"), "02-03-2026 13:30:12", "3", "3", "3", "6", "Svært at finde tid til møderne."},
	{mail("emma.eksempel"), "22-09-2026 18:45:00", "4", "4", "3", "8", "Fint, men det havde været bedre med en mentor fra et andet sygehus."},
	{mail("frederik.fiktiv"), "03-09-2026 07:59:31", "5", "4", "4", "9", "Dagsordenen før hvert møde gjorde en stor forskel."},
	{mail("gitte.gaetvaerk"), "05-09-2026 21:14:09", "4", "5", "5", "10", "Anbefales til alle nye speciallæger."},
	{mail("hans.hypotese"), "18-09-2026 12:00:00", "4", "4", "4", "8", "Gode samtaler om karrierevalg."},
	{mail("ida.imaginaer"), "03-10-2026 16:40:21", "5", "5", "4", "9", "Rart med faste aftaler."},
	{mail("jakob.jokesen"), "28-09-2026 10:10:10", "3", "4", "4", "7", "Telefonmøder fungerede fint i en travl hverdag."},
	{mail("katrine.kladde"), "02-10-2026 08:30:00", "5", "5", "5", "10", "Tak for et godt program."},
	{mail("mette.eksempelsen"), "15-09-2026 19:00:00", "5", "4", "5", "10", "Givende at være mentor."},
	{mail("lone.testrup"), "10-02-2026 11:45:00", "2", "2", "3", "5", "Forløbet stoppede desværre tidligt."},
	{mail("birgitte.fiktivsen"), "23-09-2026 08:15:00", "4", "4", "4", "8", ""},
	{mail("ole.opdigtet"), "04-09-2026 17:20:00", "4", "3", "4", "8", ""},
	{mail("hanne.paataget"), "06-09-2026 09:09:09", "5", "5", "5", "9", ""},
	{mail("jens.skabelon"), "19-09-2026 14:14:14", "4", "4", "4", "8", ""},
	{mail("kirsten.attrap"), "04-10-2026 10:00:00", "4", "5", "4", "9", ""},
	{mail("per.dummesen"), "29-09-2026 15:30:00", "3", "3", "4", "7", ""},
	{mail("inge.moenstergaard"), "03-10-2026 12:45:00", "5", "5", "5", "10", ""},
	{mail("holger.hittepaa"), "10-06-2026 20:20:20", "2", "2", "2", "4", "Vi fik ikke startet ordentligt."},
	{mail("iben.ide"), "02-11-2026 09:00:00", "5", "5", "5", "10", "Meget udbytterigt."},
	{mail("vibeke.vikar"), "03-11-2026 10:30:00", "5", "4", "5", "9", ""},
}

// Write writes the example files into dir.
func Write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, fn := range map[string]func() ([]byte, error){
		"tilmeldinger.csv": signupsCSV,
		"moedelog.xlsx":    meetingLog,
		"evaluering.csv":   evaluationsCSV,
		"med-fejl.csv":     withErrorsCSV,
	} {
		b, err := fn()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// csvLine joins cells with sep, quoting where needed.
func csvLine(sep string, cells ...string) string {
	out := make([]string, len(cells))
	for i, c := range cells {
		if strings.ContainsAny(c, sep+"\"\n\r") {
			c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
		}
		out[i] = c
	}
	return strings.Join(out, sep) + "\r\n"
}

// signupsCSV is Danish Excel's "CSV (semikolonsepareret)": semicolons,
// CRLF, Windows-1252.
func signupsCSV() ([]byte, error) {
	var b strings.Builder
	b.WriteString(csvLine(";", "Tidsstempel", "Navn", "E-mail", "Rolle", "Kohorte", "Speciale", "Arbejdsplads", "Region", "Matchet med", "Matchdato", "Status", "Slutdato",
		"Ønsket speciale", "Emner", "Foretrukken mødeform", "Antal mentees", "Stilling", "Undgå"))
	for _, p := range people {
		m := matching[p.email]
		b.WriteString(csvLine(";", p.signed, p.name, p.email, p.role, p.cohort, p.specialty, p.workplace, p.region, p.mentor, p.matched, p.status, p.ended,
			m.wish, m.themes, m.form, m.capacity, m.seniority, m.avoid))
	}
	return charmap.Windows1252.NewEncoder().Bytes([]byte(b.String()))
}

// evaluationsCSV is Microsoft Forms' CSV export: commas, UTF-8 with a byte
// order mark, Forms' own columns first.
func evaluationsCSV() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("\uFEFF")
	b.WriteString(csvLine(",", "ID", "Start time", "Completion time", "Email", "Name", "Samlet tilfredshed", "Udbytte", "Match", "Anbefaling (0-10)", "Kommentarer"))
	for i, e := range evaluations {
		name := ""
		for _, p := range people {
			if p.email == e.email {
				name = p.name
			}
		}
		t, err := time.Parse("02-01-2006 15:04:05", e.completed)
		if err != nil {
			return nil, err
		}
		start := t.Add(-4*time.Minute - 13*time.Second).Format("02-01-2006 15:04:05")
		b.WriteString(csvLine(",", fmt.Sprint(i+1), start, e.completed, e.email, name, e.tilfredshed, e.udbytte, e.match, e.anbefaling, e.comment))
	}
	return b.Bytes(), nil
}

// meetingLog is an .xlsx meeting log with real date cells displayed in the
// US form mm/dd/yy (as LibreOffice may write them), a Referat column that
// must never be stored, and a hidden lookup sheet.
func meetingLog() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sh = "Mødelog"
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return nil, err
	}
	us := "mm/dd/yy"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &us})
	if err != nil {
		return nil, err
	}
	header := []any{"Mentee e-mail", "Mødedato", "Mødetype", "Dagsorden sendt", "Afholdt", "Varighed (minutter)", "Mødeform", "Ønsker kontakt fra sekretariatet", "Referat"}
	if err := f.SetSheetRow(sh, "A1", &header); err != nil {
		return nil, err
	}
	for i, m := range meetings {
		d, err := time.Parse("02-01-2006", m.date)
		if err != nil {
			return nil, err
		}
		var minutes any = m.minutes
		if m.minutes != "" {
			var n int
			fmt.Sscan(m.minutes, &n)
			minutes = n
		}
		row := []any{m.mentee, d, m.typ, m.agenda, m.held, minutes, m.form, m.contact, m.notes}
		cell := fmt.Sprintf("A%d", i+2)
		if err := f.SetSheetRow(sh, cell, &row); err != nil {
			return nil, err
		}
		if err := f.SetCellStyle(sh, fmt.Sprintf("B%d", i+2), fmt.Sprintf("B%d", i+2), dateStyle); err != nil {
			return nil, err
		}
	}
	for col, w := range map[string]float64{"A": 30, "B": 12, "C": 16, "D": 16, "E": 10, "F": 20, "G": 12, "H": 32, "I": 40} {
		if err := f.SetColWidth(sh, col, col, w); err != nil {
			return nil, err
		}
	}
	if _, err := f.NewSheet("Opslag"); err != nil {
		return nil, err
	}
	for i, v := range []string{"Mødetyper", "Afklaringsmøde", "Møde"} {
		if err := f.SetCellStr("Opslag", fmt.Sprintf("A%d", i+1), v); err != nil {
			return nil, err
		}
	}
	if err := f.SetSheetVisible("Opslag", false); err != nil {
		return nil, err
	}
	f.SetDocProps(&excelize.DocProperties{Creator: "examples/gen", Created: "2026-11-22T00:00:00Z", Modified: "2026-11-22T00:00:00Z"})
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// withErrorsCSV is a meeting log with one mistake per row, for the
// walkthrough, plus one row already stored (unchanged).
func withErrorsCSV() ([]byte, error) {
	var b strings.Builder
	b.WriteString(csvLine(";", "Mentee e-mail", "Mødedato", "Mødetype", "Dagsorden sendt", "Afholdt", "Varighed", "Noter"))
	rows := [][]string{
		{mail("alberte.antagelse"), "23-03-2026", "Afklaringsmøde", "ja", "ja", "90", "Fortroligt: må aldrig gemmes."},
		{mail("benjamin.bud"), "31-02-2026", "Møde", "ja", "ja", "60", ""},
		{mail("ukendt.person"), "14-09-2026", "Møde", "ja", "ja", "60", ""},
		{mail("eva.estimat"), "14-12-2026", "Møde", "ja", "ja", "60", ""},
		{mail("greta.gisning"), "14-10-2026", "Møde", "måske", "ja", "60", ""},
		{mail("david.droem"), "02-02-2026", "Møde", "ja", "ja", "60", ""},
		{"iben.ide(at)example.org", "", "Møde", "ja", "ja", "lang tid", ""},
	}
	for _, r := range rows {
		b.WriteString(csvLine(";", r...))
	}
	return []byte(b.String()), nil
}
