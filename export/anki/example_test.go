package anki_test

import (
	"fmt"
	"os"

	"github.com/feedcards/feedcards/export/anki"
	"github.com/feedcards/feedcards/extract"
	"github.com/feedcards/feedcards/quiz"
)

func ExampleWriteCSV() {
	note := quiz.Note{
		ID: "fc1Qm:Zr7aP", Deck: "Go::Runtime", Type: quiz.Basic, Tags: []string{"go runtime"},
		Item: extract.Item{Kind: extract.FAQ, Context: []string{"FAQ"},
			Question: "What does GOMAXPROCS set?", Answer: "How many OS threads run Go code at once.\nDefault: the number of CPUs.",
			Source: extract.Source{Title: "Go Tips", URL: "https://example.com/go/", SectionURL: "https://example.com/go/#faq"}},
	}
	cards := quiz.CardsOf(&note)
	if err := anki.WriteCSV(os.Stdout, cards, anki.CSVOptions{}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// #separator:comma
	// #html:true
	// #guid column:1
	// #notetype column:2
	// #deck column:3
	// #tags column:6
	// "fc1Qm:Zr7aP","Basic","Go::Runtime","What does GOMAXPROCS set?","How many OS threads run Go code at once.<br>Default: the number of CPUs.<br><br><span class=""fc-source"">Source: <a href=""https://example.com/go/#faq"">Go Tips › FAQ</a></span>","go-runtime"
}
