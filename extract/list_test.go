package extract

import (
	"context"
	"strings"
	"testing"
)

// TestListPrompt checks the question built for a list from its lead-in,
// label or heading. The cases are written from the shapes articles use,
// not from any one article.
func TestListPrompt(t *testing.T) {
	tests := []struct {
		name string
		src  listSource
		want string
	}{
		// Lead-ins that count their items.
		{"count with relative clause", listSource{lead: "Docker images are built from three layers that a runtime stacks:", heading: "Image internals", n: 3},
			"Name the three layers that a runtime stacks (Docker images)"},
		{"count after a verb", listSource{lead: "Kafka offers three delivery guarantees:", heading: "Delivery", n: 3},
			"Name the three delivery guarantees Kafka offers"},
		{"count with a qualifying phrase", listSource{lead: "PostgreSQL provides several isolation levels for concurrent transactions:", heading: "Isolation", n: 4},
			"Name the 4 isolation levels PostgreSQL provides for concurrent transactions"},
		{"count word that disagrees is replaced", listSource{lead: "Redis supports five eviction policies:", heading: "Memory", n: 4},
			"Name the 4 eviction policies Redis supports"},
		{"count after an appositive", listSource{lead: "The index is organised around four node types, each with its own page layout:", heading: "B-trees", n: 4},
			"Name the four node types the index is organised around"},
		{"anaphoric subject takes the heading", listSource{lead: "The model splits work into four stages:", heading: "The Waterfall Model: A Classic", n: 4},
			"Name the four stages the Waterfall Model splits work into"},
		{"scene-setting phrase kept as context", listSource{lead: "Inside the config directory, you'll find several important files:", heading: "Layout", n: 5},
			"Name the 5 important files inside the config directory"},
		{"quantifier subject gets a relative clause", listSource{lead: "Several patterns improve fault tolerance:", heading: "Resilience", n: 4},
			"Name the 4 patterns that improve fault tolerance"},
		{"count of the following takes section context", listSource{lead: "Every consensus protocol must balance two of the following three properties:", heading: "The FLP Result", n: 3},
			"Name the three properties (every consensus protocol)"},
		{"NP then are", listSource{lead: "The four phases of incident response are:", heading: "Incident response", n: 4, ordered: true},
			"List the four phases of incident response, in order"},
		{"here are", listSource{lead: "Here are the main reasons caching fails in production:", heading: "Caching", n: 3},
			"Name the 3 main reasons caching fails in production"},
		{"there are … such as", listSource{lead: "In most repositories, there are files you should never commit, such as:", heading: "Ignoring files", n: 3},
			"Name 3 examples of files you should never commit"},
		{"what does X involve", listSource{lead: "A typical deployment pipeline involves:", heading: "CI/CD", n: 4},
			"What does a typical deployment pipeline involve? Name all 4"},
		{"this involves under the heading", listSource{lead: "This involves:", heading: "Active Listening", n: 3},
			"What does Active Listening involve? Name all 3"},
		{"these X names the heading set", listSource{lead: "These layers decide where a packet goes next:", heading: "The Four Layers of TCP/IP", n: 4},
			"Name the four layers of TCP/IP"},
		{"when clause, ordered", listSource{lead: "When a user logs in:", heading: "Sessions", n: 4, ordered: true},
			"List the 4 steps, in order, when a user logs in"},
		{"process lead-in, ordered", listSource{lead: "The process to roll back a release:", heading: "Rollbacks", n: 3, ordered: true},
			"List the 3 steps of the process to roll back a release, in order"},
		{"deictic lead-in takes the sentence before", listSource{lead: "It accepts one of:", para: "The --format flag selects the output. It accepts one of:", heading: "Output", n: 3},
			"The --format flag selects the output. It accepts one of … — name all 3"},
		{"deictic lead-in without a sentence before takes the heading", listSource{lead: "This opens a prompt where you can:", para: "This opens a prompt where you can:", heading: "Interactive Staging: Picking Hunks", n: 5},
			"Interactive Staging: this opens a prompt where you can … — name all 5"},
		{"follow these steps", listSource{lead: "Follow these steps:", heading: "Rotating Keys", n: 3, ordered: true},
			"Rotating Keys: name the 3 steps in order"},
		{"imperative lead-in falls back", listSource{lead: "Decide where the cache should live:", heading: "Step 2: Placement", n: 3},
			"Decide where the cache should live — name all 3"},
		{"two items read both", listSource{lead: "While both scale, they differ in one important way:", heading: "Scaling", n: 2},
			"While both scale, they differ in one important way — name the two"},

		// Short label lead-ins.
		{"generic label under a pros-and-cons heading", listSource{lead: "Pros:", heading: "Pros and Cons of Using Kafka", n: 3},
			"Name 3 pros of Kafka"},
		{"adjective + generic label", listSource{lead: "Key Advantages:", heading: "Advantages and Challenges of Serverless", n: 4},
			"Name 4 key advantages of Serverless"},
		{"use cases take for", listSource{lead: "Common use cases:", heading: "Webhooks: Pushing Events Out", n: 3},
			"Name 3 common use cases for Webhooks"},
		{"how to avoid", listSource{lead: "How to Avoid:", heading: "2. Scope Creep", n: 4},
			"Name 4 ways to avoid Scope Creep"},
		{"generic label of X", listSource{lead: "Benefits of pair programming:", heading: "Practices", n: 4},
			"Name 4 benefits of pair programming"},
		{"plural label lead-in", listSource{lead: "Caching strategies used by large CDNs:", heading: "Edge caching", n: 3},
			"Name the 3 caching strategies used by large CDNs"},
		{"title-case label of ordinary words is lower-cased", listSource{lead: "Key Security Practices:", heading: "Security", n: 3},
			"Name the 3 key security practices"},
		{"generic-heavy label takes its section", listSource{lead: "Benefits for performance:", heading: "Connection Pooling", n: 3},
			"Name 3 benefits for performance (Connection Pooling)"},
		{"singular concept label falls back", listSource{lead: "Monolithic Deployment:", heading: "Comparison", n: 5},
			"Monolithic Deployment — name all 5"},
		{"label with it takes the heading", listSource{lead: "How it improves latency:", heading: "Read Replicas", n: 3},
			"Read Replicas: how it improves latency — name all 3"},
		{"non-set generic label", listSource{lead: "How it Works:", heading: "3. Consistent Hashing", n: 3},
			"Consistent Hashing: how it works — name all 3"},

		// Nested lists named by their parent item.
		{"pros of the owning item", listSource{owner: "Pros", bare: true, outer: "Client-Side Sharding", heading: "1. Sharding Approaches", n: 2},
			"Name 2 pros of Client-Side Sharding"},
		{"types under a bare plural label", listSource{owner: "Vector Databases", bare: true, heading: "Storage Options", n: 3},
			"Name the 3 types of Vector Databases"},
		{"types under a generic label", listSource{owner: "Types", bare: true, outer: "Partitioning", heading: "Scaling Writes", n: 2},
			"Name the 2 types of Partitioning"},
		{"commands under a term item", listSource{owner: "Working Tree", heading: "Areas: Where Changes Live", n: 2, kind: "commands"},
			"Working Tree (Areas): name the 2 commands listed"},
		{"options under a command item", listSource{owner: "docker run", heading: "Containers", n: 3, kind: "options"},
			"docker run (Containers): name the 3 options listed"},
		{"example list dropped from owner label", listSource{owner: "Cons", bare: true, outer: "Managed Queues (e.g., SQS, Pub/Sub)", heading: "Queues", n: 2},
			"Name 2 cons of Managed Queues"},
		{"when label, ordered", listSource{owner: "When a token expires", bare: true, heading: "Refresh flow", n: 3, ordered: true},
			"List the 3 steps, in order, when a token expires"},

		// Headings.
		{"set heading with count word", listSource{heading: "The Five Pillars of Reliability", n: 5},
			"Name the five pillars of reliability"},
		{"set heading keeps names", listSource{heading: "Common Kafka Consumer Patterns", n: 4},
			"Name the 4 Common Kafka Consumer Patterns"},
		{"generic heading under its parent", listSource{heading: "Types", parent: "NoSQL Databases", n: 4},
			"Name the 4 types of NoSQL Databases"},
		{"generic heading with colon under pros-and-cons parent", listSource{heading: "Pros:", parent: "Pros & Cons of Using Terraform", n: 6},
			"Name 6 pros of Terraform"},
		{"enumerated heading, not a set", listSource{heading: "2. Stateless Services", n: 3},
			"Stateless Services — name all 3"},
		{"subtitle dropped, commands", listSource{heading: "Tags: Marking Releases", n: 4, kind: "commands"},
			"Tags: name the 4 commands listed"},
		{"subtitle that lists the items is dropped", listSource{heading: "8. Observability: Logs, Metrics, Traces", n: 3},
			"Observability: name the 3 items listed"},
		{"set main with subtitle", listSource{heading: "Deployment Strategies: Shipping Safely", n: 4},
			"Name the 4 deployment strategies"},
		{"scenario heading uses its subtitle", listSource{owner: "Strategy", bare: true, heading: "Scenario 2: Asking for a Raise", n: 4},
			"Asking for a Raise: strategy — name all 4"},
		{"gerund heading is a task", listSource{heading: "Implementing Feature Flags", n: 3},
			"Implementing Feature Flags — name all 3"},
		{"ordered process heading", listSource{heading: "Release process", n: 3, ordered: true},
			"List the 3 steps of the Release process, in order"},
		{"step heading", listSource{heading: "Step 3: Choose a Storage Backend", n: 3},
			"Choose a Storage Backend — name all 3"},
		{"question heading", listSource{heading: "Why Observability Matters", n: 4},
			"Why Observability Matters — name all 4"},
		{"during heading is not a clause", listSource{heading: "During the Interview", n: 3, ordered: true},
			"During the Interview — name all 3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := listPrompt(tc.src); got != tc.want {
				t.Errorf("listPrompt(%+v)\n got: %q\nwant: %q", tc.src, got, tc.want)
			}
		})
	}
}

// TestListPromptsSample checks every list prompt of the sample feed: it is
// a question or an instruction the quiz keeps as is, it states how many
// items to give, it is not a bare generic label, and it does not give the
// items away.
func TestListPromptsSample(t *testing.T) {
	res, err := Load(context.Background(), "../testdata/feeds/software-engineering.atom.xml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	lists := 0
	for _, art := range res.Articles {
		for _, it := range art.Items {
			if it.Kind != List {
				continue
			}
			lists++
			p := it.Prompt
			// The quiz package keeps a prompt that asks (these forms) as
			// the card front, and appends ":" to it for cloze cards.
			low := strings.ToLower(p)
			if !strings.HasSuffix(p, "?") && !strings.HasPrefix(low, "name ") && !strings.HasPrefix(low, "list ") &&
				!strings.Contains(low, " name the ") && !strings.Contains(low, " name all ") {
				t.Errorf("%q: not a question or instruction", p)
			}
			if strings.HasSuffix(p, ".") || strings.HasSuffix(p, ":") {
				t.Errorf("%q: ends with punctuation", p)
			}
			if genericLabels[labelKey(p)] || strings.HasSuffix(p, ":") {
				t.Errorf("%q: a bare label", p)
			}
			if strings.HasPrefix(p, "What does ") && strings.HasSuffix(p, " stand for?") {
				continue // acronym expansions
			}
			if !strings.Contains(p, countText("", len(it.Items))) && !strings.Contains(p, "both") && !hasCountWord(p, len(it.Items)) {
				t.Errorf("%q: does not say how many of the %d items to name", p, len(it.Items))
			}
			if givesAway(p, it.Items) {
				t.Errorf("%q gives away its items %q", p, it.Items)
			}
		}
	}
	if lists < 100 {
		t.Errorf("only %d lists in the sample", lists)
	}
}

// hasCountWord reports whether p spells n out ("three").
func hasCountWord(p string, n int) bool {
	for _, w := range words(p) {
		if countWords[w] == n {
			return true
		}
	}
	return false
}

// FuzzListPrompt checks that prompt building never panics and always asks
// for something, whatever the lead-in and headings hold.
func FuzzListPrompt(f *testing.F) {
	for _, s := range []string{"Git operates primarily with three states that your files can be in:", "Pros:", "This opens an editor where you can:",
		"There are, such as:", "When:", "Here are", "The  ", " (", "a b c d e f g h i j k l m n o p q", "Step 3: Do it", "X: Y: Z", "“Quoted”:", "é", ":"} {
		f.Add(s, "Heading: Sub", "Parent", "Owner (e.g., a, b)", 3, true)
	}
	f.Fuzz(func(t *testing.T, lead, heading, parent, owner string, n int, ordered bool) {
		n = 2 + abs(n)%11
		for _, s := range []listSource{
			{lead: lead, heading: heading, parent: parent, n: n, ordered: ordered, para: lead},
			{owner: owner, bare: ordered, outer: lead, heading: heading, n: n, ordered: ordered},
			{heading: lead, parent: parent, n: n, ordered: ordered, kind: "commands"},
		} {
			if p := listPrompt(s); normKey(p) == "" && normKey(s.lead+s.heading+s.owner) != "" {
				t.Errorf("empty prompt for %+v", s)
			}
		}
	})
}

func abs(n int) int {
	if n < 0 {
		if n == -n {
			return 0
		}
		return -n
	}
	return n
}
