package quiz

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/feedcards/feedcards/quiz/fsrs"
)

func TestNormalizeAnswer(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  Hello   World  ", "hello world"},
		{"Café", "cafe"},
		{"NAÏVE résumé", "naive resume"},
		{"Straße", "strasse"},
		{"Łódź", "lodz"},
		{"The Mythical Man-Month", "mythical man month"},
		{"a cache", "cache"},
		{"An index.", "index"},
		{"the", "the"}, // a lone article is the answer itself
		{"A", "a"},
		{"theory", "theory"},
		{"don't repeat yourself!", "dont repeat yourself"},
		{"C++", "c++"},
		{"C#", "c#"},
		{"(TCP/IP)", "tcp ip"},
		{"line\none\ttwo", "line one two"},
		{"ﬁle", "file"}, // compatibility decomposition of the ligature
		{"“Quoted”, «fine»", "quoted fine"},
	}
	for _, tt := range tests {
		if got := NormalizeAnswer(tt.in); got != tt.want {
			t.Errorf("NormalizeAnswer(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// ciDef has 12 key words: merging and merge share a stem; practice and
// several are filler.
const ciDef = "The practice of merging all developers' working copies to a shared mainline several times a day, with each merge verified by an automated build and tests."

func TestGradeTyped(t *testing.T) {
	const def = "A cache is a small fast store that keeps copies of frequently used data close to where it is needed"
	tests := []struct {
		name, answer, expected string
		correct                bool
		grade                  fsrs.Rating
		reason                 string // exact, or a prefix when it ends in "…"
	}{
		{"exact", "Paris", "Paris", true, fsrs.Good, "exact"},
		{"exact with spaces", "  Paris ", "Paris", true, fsrs.Good, "exact"},
		{"case", "paris", "Paris", true, fsrs.Good, "accepted: ignoring case"},
		{"accents", "Cafe", "Café", true, fsrs.Good, "accepted: ignoring accents"},
		{"case and accents", "creme brulee", "Crème Brûlée", true, fsrs.Good, "accepted: ignoring case and accents"},
		{"punctuation", "Man Month", "Man-Month", true, fsrs.Good, "accepted: ignoring punctuation"},
		{"article", "mutex", "a mutex", true, fsrs.Good, "accepted: ignoring articles"},
		{"article and case", "The Linker", "linker", true, fsrs.Good, "accepted: ignoring case and articles"},
		{"all four", "L'Hôpital's rule.", "the lhopitals Rule", true, fsrs.Good, "accepted: ignoring case, accents, punctuation and articles"},
		{"spacing", "garbage  collector", "garbage collector", true, fsrs.Good, "accepted: ignoring spacing"},
		{"one typo", "recusion", "recursion", true, fsrs.Hard, "accepted: 1 typo"},
		{"swap is one typo", "recrusion", "recursion", true, fsrs.Hard, "accepted: 1 typo"},
		{"two typos in a long word", "idempotnecy", "idempotency", true, fsrs.Hard, "accepted: 1 typo"},
		{"two typos", "idempotensi", "idempotency", true, fsrs.Hard, "accepted: 2 typos"},
		{"three typos too many", "idemputensi", "idempotency", false, fsrs.Again, `wrong: expected "idempotency"`},
		{"typo plus case", "Recusion", "recursion", true, fsrs.Hard, "accepted: 1 typo"},
		{"short word no typo", "cat", "car", false, fsrs.Again, `wrong: expected "car"`},
		{"short word swap", "tpc", "TCP", false, fsrs.Again, `wrong: expected "TCP"`},
		{"four letters one typo", "heap", "help", true, fsrs.Hard, "accepted: 1 typo"},
		{"eight letters two typos", "complir", "compiler", true, fsrs.Hard, "accepted: 2 typos"},
		{"seven letters, two typos rejected", "kernal", "kermit", false, fsrs.Again, `wrong: expected "kermit"`},
		{"joined words", "email", "e mail", true, fsrs.Hard, "accepted: 1 typo"},
		{"number must be exact", "1985", "1984", false, fsrs.Again, `wrong: expected "1984"`},
		{"number and typo", "HTTP/1.1 protocl", "HTTP/1.1 protocol", true, fsrs.Hard, "accepted: 1 typo"},
		{"wrong number in a phrase", "HTTP/1.2 protocol", "HTTP/1.1 protocol", false, fsrs.Again, "wrong: expected …"},
		{"empty", "   ", "Paris", false, fsrs.Again, `wrong: no answer; expected "Paris"`},
		{"unrelated", "London", "Paris", false, fsrs.Again, `wrong: expected "Paris"`},
		{"superset is wrong", "Paris, France", "Paris", false, fsrs.Again, `wrong: expected "Paris"`},
		{"c++ is not c", "C", "C++", false, fsrs.Again, `wrong: expected "C++"`},
		{"key words all", "cache: small, fast store keeping copies of frequently used data close to where needed", def, true, fsrs.Good, "accepted: all 11 key words"},
		{"key words most", "a small fast store keeping copies of data used frequently", def, true, fsrs.Hard, "accepted: 8 of 11 key words"},
		{"key words with typos", "a smal fast stor that keeps copys of frequntly used data", def, true, fsrs.Hard, "accepted: 7 of 11 key words"},
		{"key words too few", "a store for data", def, false, fsrs.Again, "wrong: expected …"},
		{"key words stopwords only", "it is a thing that is where it is", def, false, fsrs.Again, "wrong: expected …"},
		{"short phrase needs the whole", "domain system", "Domain Name System", false, fsrs.Again, `wrong: expected "Domain Name System"`},
		{"bracketed short form", "dns", "Domain Name System (DNS)", true, fsrs.Good, `accepted: matches "DNS"`},
		{"without the brackets", "domain name system", "Domain Name System (DNS)", true, fsrs.Good, `accepted: matches "Domain Name System"`},
		{"bracket part with a typo", "yagin", "You aren't gonna need it (YAGNI)", true, fsrs.Hard, `accepted: 1 typo, matching "YAGNI"`},
		{"whole with brackets", "domain name system dns", "Domain Name System (DNS)", true, fsrs.Good, "accepted: ignoring case and punctuation"},
		{"bracket part is not a free pass", "dnd", "Domain Name System (DNS)", false, fsrs.Again, `wrong: expected "Domain Name System (DNS)"`},
		{"paraphrased definition", "merging everyones work into a shared mainline many times a day and testing it automatically", ciDef, true, fsrs.Hard, "accepted: 8 of 12 key words"},
		{"vague definition", "merging code often", ciDef, false, fsrs.Again, "wrong: expected …"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := GradeTyped(tt.answer, tt.expected)
			if v.Correct != tt.correct || v.Grade != tt.grade || !reasonMatches(v.Reason, tt.reason) {
				t.Errorf("GradeTyped(%q, %q) = %+v, want correct=%v grade=%v reason %q",
					tt.answer, tt.expected, v, tt.correct, tt.grade, tt.reason)
			}
		})
	}
}

func reasonMatches(got, want string) bool {
	if p, ok := strings.CutSuffix(want, "…"); ok {
		return strings.HasPrefix(got, p)
	}
	return got == want
}

func TestGradeTypedReasonShowsKeyWordCount(t *testing.T) {
	v := GradeTyped("a store for data", "A cache is a small fast store that keeps copies of frequently used data close to where it is needed")
	if !strings.HasSuffix(v.Reason, "(2 of 11 key words)") {
		t.Errorf("reason %q does not count the key words", v.Reason)
	}
	long := strings.Repeat("word ", 100)
	if v := GradeTyped("x", long); utf8.RuneCountInString(v.Reason) > 160 {
		t.Errorf("reason is %d runes long", utf8.RuneCountInString(v.Reason))
	}
}

func TestGradeList(t *testing.T) {
	items := []string{"Write a failing test", "Make it pass", "Refactor"}
	tests := []struct {
		name, answer string
		items        []string
		correct      bool
		grade        fsrs.Rating
		reason       string
	}{
		{"all in order", "write a failing test, make it pass, refactor", items, true, fsrs.Good, "accepted: 3 of 3 items, any order"},
		{"any order, semicolons", "Refactor; Make it pass; Write a failing test", items, true, fsrs.Good, "accepted: 3 of 3 items, any order"},
		{"newlines", "refactor\nmake it pass\nwrite a failing test\n", items, true, fsrs.Good, "accepted: 3 of 3 items, any order"},
		{"and", "refactor, write a failing test and make it pass", items, true, fsrs.Good, "accepted: 3 of 3 items, any order"},
		{"oxford and", "red, green, and blue", []string{"Blue", "Green", "Red"}, true, fsrs.Good, "accepted: 3 of 3 items, any order"},
		{"item containing and", "research and development, sales", []string{"Sales", "Research and development"}, true, fsrs.Good, "accepted: 2 of 2 items, any order"},
		{"typo", "refactr, make it pass, write a failing test", items, true, fsrs.Hard, "accepted: 3 of 3 items, any order (1 with typos)"},
		{"extra guess", "red, green, blue, yellow", []string{"red", "green", "blue"}, true, fsrs.Hard, `accepted: 3 of 3 items, any order (1 extra "yellow")`},
		{"partly", "red and blue", []string{"red", "green", "blue", "cyan"}, false, fsrs.Again, `partly: 2 of 4 items; missing "green, cyan"`},
		{"same item twice counts once", "red, red, red", []string{"red", "green"}, false, fsrs.Again, `partly: 1 of 2 items; missing "green"`},
		{"short items need exact", "cat, dog", []string{"car", "dog"}, false, fsrs.Again, `partly: 1 of 2 items; missing "car"`},
		{"none", "purple", []string{"red", "green"}, false, fsrs.Again, `wrong: expected "red, green"`},
		{"empty", "", []string{"red", "green"}, false, fsrs.Again, `wrong: no answer; expected "red, green"`},
		{"only separators", " , ; and ", []string{"red"}, false, fsrs.Again, `wrong: no answer; expected "red"`},
		{"accents and case", "ÉCLAIR, creme", []string{"éclair", "crème"}, true, fsrs.Good, "accepted: 2 of 2 items, any order"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := GradeList(tt.answer, tt.items)
			if v.Correct != tt.correct || v.Grade != tt.grade || v.Reason != tt.reason {
				t.Errorf("GradeList(%q, %q) = %+v, want correct=%v grade=%v reason %q",
					tt.answer, tt.items, v, tt.correct, tt.grade, tt.reason)
			}
		})
	}
}

func TestAnsDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"", "abc", 3}, {"kitten", "sitting", 3},
		{"ab", "ba", 1}, {"abcd", "acbd", 1}, {"ca", "abc", 3}, // optimal string alignment
		{"recursion", "recusion", 1}, {"flaw", "lawn", 2}, {"héllo", "hello", 1},
	}
	for _, tt := range tests {
		if got := ansDistance([]rune(tt.a), []rune(tt.b), 100); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := ansDistance([]rune(tt.b), []rune(tt.a), 100); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d (not symmetric)", tt.b, tt.a, got, tt.want)
		}
		// With a limit, the answer is min(distance, limit).
		if got := ansDistance([]rune(tt.a), []rune(tt.b), 2); got != min(tt.want, 2) {
			t.Errorf("distance(%q, %q) limit 2 = %d", tt.a, tt.b, got)
		}
	}
}

func TestAnsSamePrefix(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"automated", "automatically", true}, {"developer", "developing", true},
		{"developers", "development", false}, {"product", "production", true},
		{"contract", "control", false}, {"cache", "caches", true}, {"cat", "cats", false},
	}
	for _, tt := range tests {
		if got := ansSamePrefix([]rune(tt.a), []rune(tt.b)); got != tt.want {
			t.Errorf("samePrefix(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}

func TestAnsAlternatives(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Domain Name System (DNS)", "Domain Name System|DNS"},
		{"plain", ""},
		{"a [b] c (d)", "a c|b|d"},
		{"f(x (y)) z", "f z|x (y)"},
		{"unbalanced (open", ""},
		{"(  )", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(ansAlternatives(tt.in), "|"); got != tt.want {
			t.Errorf("alternatives(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAnsAllowance(t *testing.T) {
	for n, want := range map[int]int{0: 0, 3: 0, 4: 1, 7: 1, 8: 2, 14: 2, 15: 2, 20: 3, 40: 6, 100: 15} {
		if got := ansAllowance(n); got != want {
			t.Errorf("allowance(%d) = %d, want %d", n, got, want)
		}
	}
}

func FuzzGradeTyped(f *testing.F) {
	for _, s := range [][2]string{{"Paris", "paris"}, {"cafe", "Café"}, {"a, b and c", "c"}, {"", ""}, {"\xff", "ﬁ"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, answer, expected string) {
		v := GradeTyped(answer, expected)
		if v.Grade < fsrs.Again || v.Grade > fsrs.Easy || v.Reason == "" {
			t.Fatalf("GradeTyped(%q, %q) = %+v", answer, expected, v)
		}
		if v.Correct == (v.Grade == fsrs.Again) {
			t.Fatalf("correct %v with grade %v", v.Correct, v.Grade)
		}
		// An answer is always accepted against itself, and normalising is idempotent.
		if self := GradeTyped(expected, expected); !self.Correct || self.Reason != "exact" {
			t.Fatalf("GradeTyped(%q, itself) = %+v", expected, self)
		}
		n := NormalizeAnswer(answer)
		if NormalizeAnswer(n) != n {
			t.Fatalf("NormalizeAnswer not idempotent: %q → %q → %q", answer, n, NormalizeAnswer(n))
		}
		items := strings.Split(expected, ",")
		lv := GradeList(answer, items)
		if lv.Reason == "" || lv.Correct == (lv.Grade == fsrs.Again) {
			t.Fatalf("GradeList(%q, %q) = %+v", answer, items, lv)
		}
	})
}

func BenchmarkGradeTypedLong(b *testing.B) {
	const def = "A cache is a small fast store that keeps copies of frequently used data close to where it is needed"
	for b.Loop() {
		GradeTyped("a smal fast stor that keeps copys of frequntly used data", def)
	}
}

func ExampleGradeTyped() {
	for _, answer := range []string{"Crème brûlée", "creme brulee", "creme brule", "flan"} {
		v := GradeTyped(answer, "Crème brûlée")
		fmt.Printf("%-13s %-5v %v\n", answer, v.Grade, v.Reason)
	}
	// Output:
	// Crème brûlée  Good  exact
	// creme brulee  Good  accepted: ignoring case and accents
	// creme brule   Hard  accepted: 1 typo
	// flan          Again wrong: expected "Crème brûlée"
}

func ExampleGradeList() {
	steps := []string{"Red", "Green", "Refactor"}
	fmt.Println(GradeList("refactor, red and green", steps).Reason)
	fmt.Println(GradeList("red; green", steps).Reason)
	// Output:
	// accepted: 3 of 3 items, any order
	// partly: 2 of 3 items; missing "Refactor"
}
