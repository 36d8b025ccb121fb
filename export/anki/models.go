package anki

import (
	"encoding/json"
	"strconv"
	"time"
)

// The JSON objects of the col row (ANKI.md §2.3). Structs keep key order
// fixed, so the bytes are deterministic; every key Anki requires is here.

type modelJSON struct {
	ID        int64          `json:"id"`
	Name      string         `json:"name"`
	Type      int            `json:"type"`
	Mod       int64          `json:"mod"`
	Usn       int            `json:"usn"`
	Sortf     int            `json:"sortf"`
	Did       *int64         `json:"did"`
	Tmpls     []templateJSON `json:"tmpls"`
	Flds      []fieldJSON    `json:"flds"`
	CSS       string         `json:"css"`
	LatexPre  string         `json:"latexPre"`
	LatexPost string         `json:"latexPost"`
	LatexSvg  bool           `json:"latexsvg"`
	Req       []any          `json:"req"`
	Tags      []string       `json:"tags"`
	Vers      []any          `json:"vers"`
}

type templateJSON struct {
	Name  string `json:"name"`
	Ord   int    `json:"ord"`
	Qfmt  string `json:"qfmt"`
	Afmt  string `json:"afmt"`
	Bqfmt string `json:"bqfmt"`
	Bafmt string `json:"bafmt"`
	Did   *int64 `json:"did"`
	Bfont string `json:"bfont"`
	Bsize int    `json:"bsize"`
}

type fieldJSON struct {
	Name   string `json:"name"`
	Ord    int    `json:"ord"`
	Sticky bool   `json:"sticky"`
	Rtl    bool   `json:"rtl"`
	Font   string `json:"font"`
	Size   int    `json:"size"`
	Media  []any  `json:"media"`
}

type deckJSON struct {
	ID               int64  `json:"id"`
	Name             string `json:"name"`
	Usn              int    `json:"usn"`
	Collapsed        bool   `json:"collapsed"`
	BrowserCollapsed bool   `json:"browserCollapsed"`
	Dyn              int    `json:"dyn"`
	Conf             int64  `json:"conf"`
	NewToday         [2]int `json:"newToday"`
	RevToday         [2]int `json:"revToday"`
	LrnToday         [2]int `json:"lrnToday"`
	TimeToday        [2]int `json:"timeToday"`
	Desc             string `json:"desc"`
	Mod              int64  `json:"mod"`
	ExtendNew        int    `json:"extendNew"`
	ExtendRev        int    `json:"extendRev"`
}

// cardCSS is the clean card style shared by the three note types.
const cardCSS = `.card {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif;
  font-size: 20px;
  line-height: 1.45;
  text-align: left;
  color: #1d1d1f;
  background-color: #ffffff;
  max-width: 38em;
  margin: 0 auto;
  padding: 0 0.6em;
}
.nightMode.card, .night_mode .card { color: #e8e8e8; background-color: #1e1e1e; }
.fc-context { font-size: 0.7em; color: #6b7280; margin-bottom: 0.7em; }
.fc-front { font-weight: 600; }
.fc-back { margin-top: 0.3em; }
.fc-source { display: block; margin-top: 1.4em; font-size: 0.7em; color: #6b7280; }
.fc-source a { color: inherit; }
code { font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; font-size: 0.9em;
  background: rgba(127, 127, 127, 0.15); padding: 0 0.2em; border-radius: 3px; }
pre { white-space: pre-wrap; }
ul, ol { margin: 0.3em 0; padding-left: 1.4em; }
.cloze { font-weight: 700; color: #1d4ed8; }
.nightMode .cloze { color: #93c5fd; }
`

const (
	contextPart = `{{#Context}}<div class="fc-context">{{Context}}</div>{{/Context}}`
	sourcePart  = `{{#Source}}<div class="fc-source">{{Source}}</div>{{/Source}}`
)

func fields(names ...string) []fieldJSON {
	out := make([]fieldJSON, len(names))
	for i, n := range names {
		out[i] = fieldJSON{Name: n, Ord: i, Font: "Arial", Size: 20, Media: []any{}}
	}
	return out
}

func tmpl(name string, ord int, q, a string) templateJSON {
	return templateJSON{Name: name, Ord: ord, Qfmt: q, Afmt: a}
}

// noteTypes are feedcards' own note types. Field names, field order and
// template names are fixed for good (ANKI.md §2.4).
func noteTypes() []modelJSON {
	card1 := tmpl("Card 1", 0,
		contextPart+"\n"+`<div class="fc-front">{{Front}}</div>`,
		"{{FrontSide}}\n\n<hr id=answer>\n\n"+`<div class="fc-back">{{Back}}</div>`+"\n"+sourcePart)
	card2 := tmpl("Card 2", 1,
		contextPart+"\n"+`<div class="fc-front">{{Back}}</div>`,
		"{{FrontSide}}\n\n<hr id=answer>\n\n"+`<div class="fc-back">{{Front}}</div>`+"\n"+sourcePart)
	cloze := tmpl("Cloze", 0,
		contextPart+"\n"+`<div class="fc-front">{{cloze:Text}}</div>`,
		contextPart+"\n"+`<div class="fc-front">{{cloze:Text}}</div>`+"\n"+
			`{{#Back Extra}}<div class="fc-back">{{Back Extra}}</div>{{/Back Extra}}`+"\n"+sourcePart)
	base := func(id int64, name string, typ int, t []templateJSON, f []fieldJSON, req []any) modelJSON {
		return modelJSON{
			ID: id, Name: name, Type: typ, Mod: notetypeMod, Usn: -1, Sortf: 0,
			Tmpls: t, Flds: f, CSS: cardCSS,
			LatexPre:  "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
			LatexPost: "\\end{document}",
			Req:       req, Tags: []string{}, Vers: []any{},
		}
	}
	return []modelJSON{
		base(ModelBasic, NameBasic, 0, []templateJSON{card1},
			fields("Front", "Back", "Context", "Source"), []any{[]any{0, "any", []int{0}}}),
		base(ModelReverse, NameReverse, 0, []templateJSON{card1, card2},
			fields("Front", "Back", "Context", "Source"), []any{[]any{0, "any", []int{0}}, []any{1, "any", []int{1}}}),
		base(ModelCloze, NameCloze, 1, []templateJSON{cloze},
			fields("Text", "Back Extra", "Context", "Source"), []any{[]any{0, "any", []int{0}}}),
	}
}

// colJSON returns the conf, models, decks and dconf columns.
func colJSON(decks []deckRef, nextPos, nowS int64, now time.Time, withProgress bool) (string, string, string, string) {
	// conf: a struct keeps key order; creationOffset only with scheduling.
	type confJSON struct {
		ActiveDecks    []int64 `json:"activeDecks"`
		CurDeck        int64   `json:"curDeck"`
		NewSpread      int     `json:"newSpread"`
		CollapseTime   int     `json:"collapseTime"`
		TimeLim        int     `json:"timeLim"`
		EstTimes       bool    `json:"estTimes"`
		DueCounts      bool    `json:"dueCounts"`
		CurModel       int64   `json:"curModel"`
		NextPos        int64   `json:"nextPos"`
		SortType       string  `json:"sortType"`
		SortBackwards  bool    `json:"sortBackwards"`
		AddToCur       bool    `json:"addToCur"`
		SchedVer       int     `json:"schedVer"`
		Rollover       int     `json:"rollover"`
		CreationOffset *int    `json:"creationOffset,omitempty"`
	}
	c := confJSON{ActiveDecks: []int64{1}, CurDeck: 1, CollapseTime: 1200, EstTimes: true, DueCounts: true,
		CurModel: ModelBasic, NextPos: nextPos, SortType: "noteFld", AddToCur: true, SchedVer: 2, Rollover: 4}
	if withProgress {
		_, off := now.Zone()
		west := -off / 60
		c.CreationOffset = &west
	}

	// models, decks and dconf are maps keyed by id; written by hand in a
	// fixed order (encoding/json sorts map keys, but as strings).
	var models []byte
	models = append(models, '{')
	for i, m := range noteTypes() {
		if i > 0 {
			models = append(models, ',')
		}
		models = append(models, strconv.Quote(strconv.FormatInt(m.ID, 10))...)
		models = append(models, ':')
		models = append(models, mustJSON(m)...)
	}
	models = append(models, '}')

	deck := func(id int64, name string) deckJSON {
		return deckJSON{ID: id, Name: name, Usn: -1, Conf: 1, Mod: nowS}
	}
	var dj []byte
	dj = append(dj, `{"1":`...)
	dj = append(dj, mustJSON(deck(1, "Default"))...)
	for _, d := range decks {
		dj = append(dj, ',')
		dj = append(dj, strconv.Quote(strconv.FormatInt(d.id, 10))...)
		dj = append(dj, ':')
		dj = append(dj, mustJSON(deck(d.id, d.name))...)
	}
	dj = append(dj, '}')

	return string(mustJSON(c)), string(models), string(dj), dconfJSON
}

// dconfJSON is deck options 1, "Default", with every required key and the
// scheduler settings of DESIGN.md (steps 1m 10m, relearning 10m, maximum
// interval 36500 days).
const dconfJSON = `{"1":{"id":1,"mod":0,"name":"Default","usn":0,"maxTaken":60,"autoplay":true,"timer":0,"replayq":true,"dyn":false,` +
	`"new":{"bury":false,"delays":[1.0,10.0],"initialFactor":2500,"ints":[1,4,0],"order":1,"perDay":20},` +
	`"rev":{"bury":false,"ease4":1.3,"ivlFct":1.0,"maxIvl":36500,"perDay":200,"hardFactor":1.2},` +
	`"lapse":{"delays":[10.0],"leechAction":1,"leechFails":8,"minInt":1,"mult":0.0},` +
	`"desiredRetention":0.9}}`

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic("anki: marshal " + err.Error()) // only fixed, marshalable types reach here
	}
	return b
}
