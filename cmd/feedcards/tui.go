package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/feedcards/feedcards/quiz"
	"github.com/feedcards/feedcards/quiz/fsrs"
)

// studyModel is the full-screen study view: a bubbletea model over the same
// quiz.Session as the line protocol, with the same keys.
type studyModel struct {
	ctx    context.Context
	sess   *quiz.Session
	now    func() time.Time
	deck   string
	width  int
	height int
	status string // last action, or an error
	err    error  // a store error: the session stops
	st     tuiStyles
}

type tuiStyles struct {
	header, place, front, back, source, key, dim, status, box lipgloss.Style
	grade                                                     [4]lipgloss.Style
}

func newTUIStyles(w io.Writer, color bool) tuiStyles {
	r := lipgloss.NewRenderer(w)
	s := tuiStyles{
		header: r.NewStyle().Bold(true),
		place:  r.NewStyle().Faint(true),
		front:  r.NewStyle().Bold(true),
		back:   r.NewStyle(),
		source: r.NewStyle().Faint(true).Underline(true),
		key:    r.NewStyle().Bold(true),
		dim:    r.NewStyle().Faint(true),
		status: r.NewStyle().Italic(true),
		box:    r.NewStyle().Border(lipgloss.RoundedBorder()).Padding(1, 2),
	}
	for i := range s.grade {
		s.grade[i] = r.NewStyle().Bold(true)
	}
	if color {
		s.header = s.header.Foreground(lipgloss.Color("12"))
		s.box = s.box.BorderForeground(lipgloss.Color("8"))
		for i, c := range []string{"9", "11", "10", "14"} { // again red, hard yellow, good green, easy cyan
			s.grade[i] = s.grade[i].Foreground(lipgloss.Color(c))
		}
	}
	return s
}

func (m *studyModel) Init() tea.Cmd { return nil }

func (m *studyModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m, nil
	case tea.KeyMsg:
		return m.key(msg.String())
	}
	return m, nil
}

// key handles one key press: space/enter reveal, 1–4 grade, u undo,
// s suspend, o source, q/esc/ctrl+c quit.
func (m *studyModel) key(k string) (tea.Model, tea.Cmd) {
	now := m.now()
	c, ok := m.sess.Current()
	if !ok { // the done screen: undo or leave
		switch k {
		case "u":
			return m.undo(now)
		case "q", "esc", "ctrl+c", "enter", " ":
			return m, tea.Quit
		}
		return m, nil
	}
	switch k {
	case "q", "esc", "ctrl+c":
		return m, tea.Quit
	case " ", "enter":
		if !m.sess.Revealed() {
			m.sess.Reveal()
			m.status = ""
		}
	case "1", "2", "3", "4":
		if !m.sess.Revealed() {
			m.status = "show the answer first (space)"
			break
		}
		r := fsrs.Rating(k[0] - '0')
		saved, err := m.sess.Grade(m.ctx, r, now)
		if err != nil {
			m.err = err
			return m, tea.Quit
		}
		m.status = fmt.Sprintf("%s: next in %s", r, fsrs.FormatInterval(saved.Memory.Due.Sub(now)))
	case "u":
		return m.undo(now)
	case "s":
		if _, err := m.sess.Suspend(m.ctx, now); err != nil {
			m.err = err
			return m, tea.Quit
		}
		m.status = "suspended"
	case "o":
		if u := sourceURLs(c); len(u) > 0 {
			m.status = strings.Join(u, "  ")
		} else {
			m.status = "no source link"
		}
	default:
		if m.sess.Revealed() {
			m.status = hintBack
		} else {
			m.status = hintFront
		}
	}
	return m, nil
}

func (m *studyModel) undo(now time.Time) (tea.Model, tea.Cmd) {
	prev, err := m.sess.Undo(m.ctx, now)
	switch {
	case errors.Is(err, quiz.ErrNothingToUndo):
		m.status = "nothing to undo"
	case err != nil:
		m.err = err
		return m, tea.Quit
	default:
		m.status = "undone: " + firstLine(prev.Front)
	}
	return m, nil
}

func (m *studyModel) View() string {
	c, ok := m.sess.Current()
	if !ok {
		var b strings.Builder
		b.WriteString(m.st.header.Render("feedcards study") + "\n\n")
		b.WriteString(m.st.front.Render("Done: no more cards to study now.") + "\n")
		printSummary(&b, m.sess.Summary(), m.now())
		b.WriteString("\n" + m.st.dim.Render("u undo the last grade · q quit") + "\n")
		if m.status != "" {
			b.WriteString("\n" + m.st.status.Render(m.status) + "\n")
		}
		return b.String()
	}
	w := m.width
	if w <= 0 {
		w = 80
	}
	inner := max(min(w, 100)-6, 20) // less the box border (2) and padding (4)
	wrap := func(st lipgloss.Style, s string) string { return st.Width(inner).Render(s) }

	var b strings.Builder
	n, l, r := m.sess.Counts()
	title := "feedcards study"
	if m.deck != "" {
		title += " · " + m.deck
	}
	b.WriteString(m.st.header.Render(title) + "   " + m.st.dim.Render(fmt.Sprintf("%d new · %d learning · %d review", n, l, r)) + "\n\n")

	var card strings.Builder
	if p := cardPlace(c, m.deck == ""); p != "" {
		card.WriteString(wrap(m.st.place, p) + "\n\n")
	}
	card.WriteString(wrap(m.st.front, c.Front))
	if m.sess.Revealed() {
		card.WriteString("\n\n" + m.st.dim.Render(strings.Repeat("─", inner)) + "\n\n")
		card.WriteString(wrap(m.st.back, c.Back))
		if u := sourceURLs(c); len(u) > 0 {
			card.WriteString("\n\n" + wrap(m.st.source, u[0]))
		}
	}
	b.WriteString(m.st.box.Width(inner+4).Render(card.String()) + "\n\n")

	if m.sess.Revealed() {
		iv, err := m.sess.Intervals(m.now())
		if err == nil {
			var btn []string
			for i, d := range iv {
				btn = append(btn, m.st.grade[i].Render(fmt.Sprintf("%d %s", i+1, fsrs.Rating(i+1)))+" "+m.st.dim.Render(fsrs.FormatInterval(d)))
			}
			b.WriteString(strings.Join(btn, "    ") + "\n")
		}
		b.WriteString(m.st.dim.Render("1-4 grade · u undo · s suspend · o source · q quit") + "\n")
	} else {
		b.WriteString(m.st.key.Render("space") + m.st.dim.Render(" show answer · u undo · s suspend · o source · q quit") + "\n")
	}
	if m.status != "" {
		b.WriteString("\n" + m.st.status.Render(m.status) + "\n")
	}
	return b.String()
}

// studyTUI runs the full-screen view, then prints the session summary on
// the normal screen.
func (a *app) studyTUI(ctx context.Context, sess *quiz.Session, deck string) error {
	now := func() time.Time {
		t, err := a.clock()
		if err != nil {
			return time.Now()
		}
		return t
	}
	m := &studyModel{ctx: ctx, sess: sess, now: now, deck: deck, st: newTUIStyles(a.out, a.color())}
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithContext(ctx), tea.WithInput(a.in), tea.WithOutput(a.out))
	_, err := p.Run()
	if m.err != nil {
		return m.err
	}
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("study view: %w", err)
	}
	printSummary(a.out, sess.Summary(), now())
	return nil
}
