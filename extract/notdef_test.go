package extract

import (
	"strings"
	"testing"
)

func TestPrescription(t *testing.T) {
	tests := []struct {
		term, def string
		want      bool
	}{
		// Bare prescriptions about something other than the term.
		{"Knife Care", "Blades should be honed before every use and sharpened twice a year.", true},
		{"Separate Boards", "Raw meat and vegetables must be cut on different boards.", true},
		{"Focused Roles", "A team member should own one area. For example, one person handles all billing questions.", true},
		// The modal sits in a defining or subordinate clause.
		{"Miss Ratio", "The share of requests that cannot be served from the cache and must go to the origin.", false},
		{"TTL", "how long an entry stays valid before it must be refreshed.", false},
		{"Escrow", "An account that holds funds which must be released when both parties agree.", false},
		// A principle explained, by a gloss or a further sentence.
		{"Autonomy", "Teams should be autonomous, meaning they can ship without waiting on others.", false},
		{"Mise en place", "Ingredients should be measured before cooking starts. This means the cook never stops to search for anything.", false},
		// A standard for the term itself.
		{"SMART Goals", "Goals should be specific, measurable and time-bound. For instance, run 5 km by June.", false},
		// A condition first: handled by other rules, not this one.
		{"Proofing", "When the dough has doubled, it should be shaped.", false},
	}
	for _, tc := range tests {
		if got := prescription(tc.term, tc.def); got != tc.want {
			t.Errorf("prescription(%q, %q) = %v, want %v", tc.term, tc.def, got, tc.want)
		}
	}
}

func TestTermAsObject(t *testing.T) {
	tests := []struct {
		term, first string
		want        bool
	}{
		{"Browser Cache", "Browsers themselves often have built-in caching layers.", true},
		{"Real-time Alerts", "Sensors (like thermostats) enable real-time alerts for the owner.", true},
		{"Dedicated Accounts", "Members typically have their own dedicated account.", true},
		// The term's head is the subject, or a pronoun stands for it.
		{"Index Funds", "Index funds have lower fees than actively managed funds.", false},
		{"Chlorophyll", "It allows plants to absorb light for photosynthesis.", false},
		// A defining verb comes first.
		{"Enzyme", "Enzymes are proteins that have an active site where reactions happen.", false},
		// The verb does not link the subject to the term.
		{"Polyglot Persistence", "Different services use different databases.", false},
	}
	for _, tc := range tests {
		if got := termAsObject(tc.term, tc.first); got != tc.want {
			t.Errorf("termAsObject(%q, %q) = %v, want %v", tc.term, tc.first, got, tc.want)
		}
	}
}

func TestVerbRestatesTerm(t *testing.T) {
	tests := []struct {
		term, def string
		want      bool
	}{
		{"Optimization", "Continuously learn and optimize resource allocation.", true},
		{"Sanitization", "Regularly sanitize every surface that touches raw food.", true},
		{"Replication", "Creating replicas of a database on several servers.", false},
		{"Fermentation", "Fermentation is the conversion of sugar to acid or alcohol by microbes.", false},
		{"Logging", "Centralized log management across services.", false},
		{"Rate Optimization", "Optimize the rate.", false}, // several words: a name, not a nominalised verb
	}
	for _, tc := range tests {
		if got := verbRestatesTerm(tc.term, tc.def); got != tc.want {
			t.Errorf("verbRestatesTerm(%q, %q) = %v, want %v", tc.term, tc.def, got, tc.want)
		}
	}
}

func TestOtherSubject(t *testing.T) {
	tests := []struct {
		term, def string
		want      bool
	}{
		{"Onboarding", "A comprehensive onboarding checklist ensures new hires settle in quickly.", true},
		{"Staging Area", "A file that stores what will go into your next commit.", false},
		{"Ledger", "A record of every transaction in an account.", false},
		{"Stateless Service", "A stateless service stores no session data between requests.", false},
		{"Budget", "A plan for spending.", false},
	}
	for _, tc := range tests {
		if got := otherSubject(tc.term, tc.def); got != tc.want {
			t.Errorf("otherSubject(%q, %q) = %v, want %v", tc.term, tc.def, got, tc.want)
		}
	}
}

// TestNotDefinitionsInPages checks the rules in place: prescriptions and
// remarks about other things leave a list, real definitions beside them
// stay.
func TestNotDefinitionsInPages(t *testing.T) {
	html := `<h2>Kitchen Basics</h2><p>Terms every new cook meets:</p><ul>
<li><strong>Mise en place:</strong> The practice of measuring and arranging every ingredient before cooking starts.</li>
<li><strong>Blanching:</strong> Briefly boiling vegetables, then plunging them into ice water to stop the cooking.</li>
<li><strong>Deglazing:</strong> Adding liquid to a hot pan to lift the browned bits stuck to its bottom.</li>
<li><strong>Knife Care:</strong> Blades should be honed before every use and sharpened twice a year.</li>
<li><strong>Oven Thermometers:</strong> Ovens themselves often have inaccurate thermometers.</li>
</ul>
<p><strong>Seasoning:</strong></p><ul><li>A little salt improves almost every sauce.</li></ul>`
	got := itemsOf(extractHTML(t, html))
	want := []string{
		"definition|Mise en place|The practice of measuring and arranging every ingredient before cooking starts.",
		"definition|Blanching|Briefly boiling vegetables, then plunging them into ice water to stop the cooking.",
		"definition|Deglazing|Adding liquid to a hot pan to lift the browned bits stuck to its bottom.",
	}
	var defs []string
	for _, g := range got {
		if strings.HasPrefix(g, "definition|") {
			defs = append(defs, g)
		}
	}
	if strings.Join(defs, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(defs, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestChangelogAndFirstPersonHeadings(t *testing.T) {
	for h, want := range map[string]bool{
		"New Features": true, "What's New": true, "What’s new in Go 1.22": true, "Bug fixes": true,
		"Breaking Changes": true, "v2.4.0": true, "Version 3.1": true, "2.4.0 (2025-04-01)": true,
		"1.8.2": true, "Release 10.0 highlights": true,
		"2.1 Caching Strategies": false, "80/20 Rule": false, "Virtual Memory": false, "Version Control": false,
		"Features of Git": false, "Vue 3.2 Composition API": false, "Fixed Windows": false,
	} {
		if got := changelogHeading(h); got != want {
			t.Errorf("changelogHeading(%q) = %v, want %v", h, got, want)
		}
	}
	for h, want := range map[string]bool{
		"What I Do Now": true, "My Favourite Tools": true, "Why I’m Leaving": true, "Tools I've Tried": true,
		"I/O Models": false, "Types of Memory": false, "What We Learned": false, "Meet the Team": false,
	} {
		if got := firstPersonSingular(h); got != want {
			t.Errorf("firstPersonSingular(%q) = %v, want %v", h, got, want)
		}
	}
}

func TestExpansionSubject(t *testing.T) {
	for _, c := range []struct{ s, acr, want string }{
		{"Network Address Translation (NAT) maps private addresses to a public one.", "NAT", "Network Address Translation (NAT)"},
		{"The Domain Name System (DNS) translates names into addresses.", "DNS", "Domain Name System (DNS)"},
		{"Infrastructure as Code (IaC) manages servers through files.", "IaC", "Infrastructure as Code (IaC)"},
		{"Network Address Translation (NAT) Explained in depth.", "NAT", ""},        // no verb
		{"Many teams (NAT) use it every day.", "NAT", ""},                           // initials differ
		{"Network Address Translation maps addresses (NAT) later.", "NAT", ""},      // not the subject
		{"Service Level Objectives (SLOs) are targets for reliability.", "SLO", ""}, // another acronym
	} {
		if got := expansionSubject(c.s, c.acr); got != c.want {
			t.Errorf("expansionSubject(%q, %q) = %q, want %q", c.s, c.acr, got, c.want)
		}
	}
}

func TestFormalLabel(t *testing.T) {
	for _, c := range []struct{ in, kind, name string }{
		{"Definition 3.1 (Entropy).", "definition", "Entropy"},
		{"Definition.", "definition", ""},
		{"Def. 4.2 (Group)", "definition", "Group"},
		{"Theorem 3.4 (Shannon)", "theorem", "Shannon"},
		{"Lemma 2", "lemma", ""},
		{"Definition of Done", "", ""},
		{"Theorems", "", ""},
	} {
		kind, name, _ := formalLabel(c.in)
		if kind != c.kind || name != c.name {
			t.Errorf("formalLabel(%q) = %q, %q; want %q, %q", c.in, kind, name, c.kind, c.name)
		}
	}
}
