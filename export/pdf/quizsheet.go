package pdf

import (
	"fmt"
	"strconv"

	"github.com/feedcards/feedcards/quiz"
)

// Quiz sheet geometry: one column of questions, then the answer key in two
// columns on pages of its own.
const (
	quizPromptSize = 10.0
	quizPromptLead = 12.5
	quizOptionSize = 9.0
	quizOptionLead = 11.5
	quizNumIndent  = 8.0  // mm: question text starts here, its number ends before
	quizOptIndent  = 15.0 // mm: option text starts here, its letter sits before
	quizWriteLead  = 8.0  // mm between the ruled lines of a written answer
	keySize        = 8.5
	keyLead        = 10.5
)

// optionLetters label multiple-choice options.
const optionLetters = "ABCDEFGH"

// optionLetter labels option i (0-based): "A", "B", …
func optionLetter(i int) string {
	i %= len(optionLetters)
	return optionLetters[i : i+1]
}

func writeQuiz(d *doc, cards []quiz.Card, opt Options) error {
	qs, err := quiz.BuildQuiz(cards, quiz.QuizOptions{N: opt.N, Mode: quiz.Mode(opt.Mode), Seed: opt.Seed})
	if err != nil {
		return err
	}
	m := d.m
	pt := ptToMM
	top := sheetMargin + sheetHeader
	colH := d.h - sheetMargin - top
	fullW := d.w - 2*sheetMargin

	add := func(lines []sheetLine, fc face, size, lead, indent float64, w float64, text string) []sheetLine {
		for _, s := range m.wrap(fc, size, w-indent, m.clean(text)) {
			lines = append(lines, sheetLine{text: s, fc: fc, size: size, lead: lead * pt, indent: indent, color: black})
		}
		return lines
	}

	// The questions.
	var blocks []sheetBlock
	intro := fmt.Sprintf("%d questions · seed %d", len(qs), opt.Seed)
	head := add(nil, bold, 14, 18, 0, fullW, "Quiz: "+opt.Title)
	head = add(head, regular, 8, 11, 0, fullW, intro)
	for i := range head[1:] {
		head[1+i].color = grey
	}
	head = append(head, sheetLine{lead: 4 * pt},
		sheetLine{text: "Name ____________________________   Date ______________   Score ______ / " + strconv.Itoa(len(qs)), fc: regular, size: 9, lead: 8, color: grey},
		sheetLine{lead: 6 * pt})
	blocks = append(blocks, sheetBlock{lines: head})
	for i, q := range qs {
		lines := add(nil, bold, quizPromptSize, quizPromptLead, quizNumIndent, fullW, q.Prompt)
		if len(lines) == 0 {
			lines = append(lines, sheetLine{fc: bold, size: quizPromptSize, lead: quizPromptLead * pt, indent: quizNumIndent, color: black})
		}
		lines[0].marker = strconv.Itoa(i+1) + "."
		lines = append(lines, sheetLine{lead: 3 * pt})
		if q.Mode == quiz.MultipleChoice && len(q.Options) > 0 {
			for j, o := range q.Options {
				at := len(lines)
				lines = add(lines, regular, quizOptionSize, quizOptionLead, quizOptIndent, fullW, o)
				if len(lines) == at {
					lines = append(lines, sheetLine{fc: regular, size: quizOptionSize, lead: quizOptionLead * pt, indent: quizOptIndent, color: black})
				}
				lines[at].marker = optionLetter(j)
				lines[at].circle = true
				lines = append(lines, sheetLine{lead: 1.5 * pt})
			}
		} else {
			n := min(max(len(q.Items), 2), 8)
			for range n {
				lines = append(lines, sheetLine{lead: quizWriteLead, indent: quizNumIndent, ruled: true})
			}
		}
		lines = append(lines, sheetLine{lead: 9 * pt})
		blocks = append(blocks, sheetBlock{lines: lines})
	}
	pages := flowColumns(blocks, 1, fullW, 0, top, colH)

	// The answer key, starting on a page of its own.
	keyW := (fullW - sheetGap) / 2
	var keyBlocks []sheetBlock
	keyHead := add(nil, bold, 12, 16, 0, keyW, "Answer key")
	keyHead = append(keyHead, sheetLine{lead: 3 * pt})
	for i, q := range qs {
		var text string
		if q.Mode == quiz.MultipleChoice && len(q.Options) > 0 && q.Answer >= 0 && q.Answer < len(q.Options) {
			text = optionLetter(q.Answer) + " — " + q.Options[q.Answer]
		} else {
			text = q.Expected
		}
		lines := add(nil, regular, keySize, keyLead, quizNumIndent, keyW, text)
		if len(lines) == 0 {
			lines = append(lines, sheetLine{fc: regular, size: keySize, lead: keyLead * pt, indent: quizNumIndent, color: black})
		}
		lines[0].marker = strconv.Itoa(i+1) + "."
		lines = append(lines, sheetLine{lead: 4 * pt})
		if i == 0 {
			lines = append(keyHead, lines...)
		}
		keyBlocks = append(keyBlocks, sheetBlock{lines: lines})
	}
	pages = append(pages, flowColumns(keyBlocks, 2, keyW, sheetGap, top, colH)...)

	drawPages(d, pages, opt.Title, "Quiz")
	return d.f.Error()
}
