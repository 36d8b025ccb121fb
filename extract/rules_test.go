package extract

import (
	"strings"
	"testing"
)

// extractHTML runs extractEntry over an entry fragment.
func extractHTML(t *testing.T, html string) []Item {
	t.Helper()
	return extractEntry(entryInput{
		Src:  Source{Feed: "F", EntryID: "urn:e", Title: "T", URL: "https://example.test/post/"},
		HTML: html,
	}).Items
}

// itemsOf returns "kind|front|back" lines for compact comparison.
func itemsOf(items []Item) []string {
	var out []string
	for _, it := range items {
		back := it.Answer + it.Definition + strings.Join(it.Items, ";")
		out = append(out, string(it.Kind)+"|"+it.Front()+"|"+back)
	}
	return out
}

func TestRules(t *testing.T) {
	tests := []struct {
		name, html string
		want       []string // exact kind|front|back lines, in order
	}{
		{"q-a paragraphs in an FAQ section",
			`<h2>FAQ</h2><p><strong>Q: What is a <code>tag</code>?</strong></p><p>A: A named pointer to one commit.</p>`,
			[]string{"faq|What is a tag?|A named pointer to one commit."}},
		{"q and a in one paragraph",
			`<h2>Common questions</h2><p>Q: Is it free? A: Yes, for open source projects.</p>`,
			[]string{"faq|Is it free?|Yes, for open source projects."}},
		{"bold question outside an FAQ section is not FAQ",
			`<h2>Planning</h2><p><strong>What is a "Rate"?</strong></p><p>The number of requests per second allowed.</p>`,
			nil},
		{"dl in an FAQ section",
			`<h2>Frequently asked questions</h2><dl><dt>Do you ship abroad?</dt><dd>Yes, to 40 countries.</dd></dl>`,
			[]string{"faq|Do you ship abroad?|Yes, to 40 countries."}},
		{"bold questions in list items of an FAQ section",
			`<h2>FAQ</h2><ul><li><strong>Is there a free tier?</strong> Yes, up to three projects.</li><li><strong>Can I export my data?</strong><p>Any time, as JSON.</p></li></ul>`,
			[]string{"faq|Is there a free tier?|Yes, up to three projects.", "faq|Can I export my data?|Any time, as JSON."}},
		{"question headings inside an FAQ section",
			`<h2>Frequently Asked Questions</h2><h3>Does it run offline?</h3><p>Yes. Everything is stored locally.</p><p>Sync is optional.</p><h3>Which platforms?</h3><p>Linux, macOS and Windows.</p><h2>Changelog</h2><p>v1.0 released.</p>`,
			[]string{"faq|Does it run offline?|Yes. Everything is stored locally. Sync is optional.", "faq|Which platforms?|Linux, macOS and Windows."}},
		{"details with a question summary",
			`<details><summary>Why is my build slow?</summary><p>Usually the cache is cold after a dependency update.</p></details>`,
			[]string{"faq|Why is my build slow?|Usually the cache is cold after a dependency update."}},
		{"details admonition is not FAQ",
			`<details class="note"><summary>Note</summary><p>Restart the server after editing.</p></details>`,
			nil},
		{"bold colon definition in li",
			`<h2>Key terms</h2><ul><li><strong>Idempotency:</strong> the property that repeating a request has the same effect as sending it once.</li><li><strong>Backoff:</strong> the delay a client waits before retrying a failed request.</li></ul>`,
			[]string{"definition|Idempotency|The property that repeating a request has the same effect as sending it once.",
				"definition|Backoff|The delay a client waits before retrying a failed request."}}, // a glossary is no list card
		{"dash separator and code term with placeholder",
			`<h2>Commands</h2><ul><li><code>git add [file]</code> – Stages the changes of a file for the next commit.</li></ul>`,
			[]string{"definition|git add|Stages the changes of a file for the next commit."}},
		{"advice labels are not definitions",
			`<h2>Tips for remote teams</h2><ul><li><strong>Establish Clear Boundaries:</strong> Set working hours and stick to them every day.</li><li><strong>Ask for Time:</strong> Never answer a hard question on the spot.</li></ul>`,
			[]string{"list|Name 2 tips for remote teams|Establish Clear Boundaries;Ask for Time"}},
		{"generic label takes the heading when it introduces the concept",
			`<h3>3. Sliding Log</h3><p><strong>Concept:</strong> A sliding log keeps a timestamp for every request in the window.</p><p><strong>Mitigation:</strong> Cap the log size per client.</p>`,
			[]string{"definition|Sliding Log|A sliding log keeps a timestamp for every request in the window."}},
		{"tool lists are not definitions",
			`<h2>Platforms</h2><ul><li><strong>Jira, Asana, Trello:</strong> Popular task boards with workflow automation.</li></ul>`,
			nil},
		{"benefit fronts are not definitions",
			`<h2>Serverless</h2><ul><li><strong>Reduced Operational Overhead:</strong> No servers to patch or scale by hand.</li><li><strong>Improved Latency:</strong> Functions run in regions close to the users.</li></ul>`,
			[]string{"list|Serverless — name the two|Reduced Operational Overhead;Improved Latency"}},
		{"one-word back is dropped",
			`<ul><li><strong>Owner:</strong> Platform.</li></ul>`,
			nil},
		{"bold paragraph then its definition",
			`<h2>Techniques</h2><p><strong>Timeboxing:</strong></p><p>Timeboxing is a technique that fixes the time spent on a task in advance.</p>`,
			[]string{"definition|Timeboxing|Timeboxing is a technique that fixes the time spent on a task in advance."}},
		{"heading and defining sentence",
			`<h2 id="backpressure">Backpressure</h2><p>Backpressure is a mechanism by which a slow consumer signals a fast producer to slow down.</p>`,
			[]string{"definition|Backpressure|Backpressure is a mechanism by which a slow consumer signals a fast producer to slow down."}},
		{"one-item lists and TOC lists are not lists",
			`<div class="toc"><ul><li><a href="#a">A</a></li><li><a href="#b">B</a></li></ul></div><h2 id="a">Setup</h2><ul><li>Install Go</li></ul>`,
			nil},
		{"link-only lists are not lists",
			`<h2>Guides</h2><p>Read these next:</p><ul><li><a href="/x">Queues</a></li><li><a href="/y">Streams</a></li></ul>`,
			nil},
		{"ordered steps",
			`<h2>Release process</h2><ol><li>Tag the commit</li><li>Build the artefacts</li><li>Publish the notes</li></ol>`,
			[]string{"list|List the 3 steps of the Release process, in order|Tag the commit;Build the artefacts;Publish the notes"}},
		{"math/tex fragments become dollar amounts",
			`<h2>Offers</h2><ul><li><strong>Signing bonus:</strong> a one-time payment, say <script type="math/tex">5,000 instead of a </script>3,000 raise.</li></ul>`,
			[]string{"definition|Signing bonus|A one-time payment, say $5,000 instead of a $3,000 raise."}},
		{"acronym expansion becomes a list",
			`<h2>Transactions</h2><p>Relational databases promise ACID guarantees (Atomicity, Consistency, Isolation, Durability) for every transaction.</p>`,
			[]string{"list|What does ACID stand for?|Atomicity;Consistency;Isolation;Durability"}},
		{"numbered subheadings form a list under their parent",
			`<h2>Three Caching Patterns</h2><h3>1. Cache-Aside</h3><p>The application reads the cache first.</p><h3>2. Read-Through</h3><p>The cache loads missing entries itself.</p><h3>3. Write-Behind</h3><p>Writes go to the cache and reach the database later.</p>`,
			[]string{"list|Name the three caching patterns|Cache-Aside;Read-Through;Write-Behind"}},
		{"two remarks under a label are no list card",
			`<h2>Authentication: SSH vs. HTTPS</h2><ul><li><strong>HTTPS:</strong><ul><li>Easier to set up initially.</li><li>Requires a token for security.</li></ul></li><li><strong>SSH:</strong><ul><li>Uses key pairs.</li><li>More convenient once configured.</li></ul></li></ul>`,
			nil},
		{"two cases under a heading are no list card",
			`<h3>Decision</h3><ul><li><strong>If Allowed:</strong> the request is forwarded.</li><li><strong>If Blocked:</strong> the gateway answers 429.</li></ul>`,
			nil},
		{"two named kinds still are",
			`<h3>Service Discovery</h3><ul><li><strong>Client-Side Discovery:</strong> the client queries a registry and picks an instance itself.</li><li><strong>Server-Side Discovery:</strong> a load balancer queries the registry and routes the request.</li></ul>`,
			[]string{"definition|Client-Side Discovery|The client queries a registry and picks an instance itself.",
				"definition|Server-Side Discovery|A load balancer queries the registry and routes the request.",
				"list|Service Discovery — name the two|Client-Side Discovery;Server-Side Discovery"}},
		{"code blocks never become card text",
			`<h2>Caching</h2><pre><code>cache: true</code></pre><ul><li><strong>TTL:</strong> how long an entry stays valid before it must be refreshed.</li></ul>`,
			[]string{"definition|TTL|How long an entry stays valid before it must be refreshed."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := itemsOf(extractHTML(t, tc.html))
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}

func TestContextAndSectionURL(t *testing.T) {
	items := extractHTML(t, `<h2 id="git">Git</h2><p>Intro.</p><h3>States</h3><p>The states are:</p><ul><li><strong>Modified:</strong> changed but not staged for the next commit.</li><li><strong>Staged:</strong> marked to go into the next commit snapshot.</li></ul>`)
	if len(items) == 0 {
		t.Fatal("no items")
	}
	it := items[0]
	if strings.Join(it.Context, " > ") != "Git > States" {
		t.Errorf("context = %q", it.Context)
	}
	if it.Source.SectionURL != "https://example.test/post/#git" {
		t.Errorf("section_url = %q", it.Source.SectionURL)
	}
	if it.Source.Feed != "F" || it.Source.EntryID != "urn:e" {
		t.Errorf("source = %+v", it.Source)
	}
}

func TestItemIDStable(t *testing.T) {
	a := extractHTML(t, `<h2>Terms</h2><ul><li><strong>Shard:</strong> one horizontal partition of a database.</li></ul>`)
	b := extractHTML(t, `<p>New intro paragraph.</p><h2>Terms</h2><ul><li><strong>Shard:</strong> one horizontal partition of a large database, edited.</li></ul>`)
	if len(a) != 1 || len(b) != 1 {
		t.Fatalf("got %d and %d items", len(a), len(b))
	}
	if a[0].ID != b[0].ID {
		t.Errorf("id changed when only position and answer changed: %s vs %s", a[0].ID, b[0].ID)
	}
	if len(a[0].ID) != 32 {
		t.Errorf("id %q is not 32 hex characters", a[0].ID)
	}
	c := extractHTML(t, `<h2>Other</h2><ul><li><strong>Shard:</strong> one horizontal partition of a database.</li></ul>`)
	if c[0].ID == a[0].ID {
		t.Error("id does not depend on the heading path")
	}
}

func TestDuplicatesMerged(t *testing.T) {
	items := extractHTML(t, `<h2>Glossary</h2><ul><li><strong>Replica:</strong> a copy of the data kept on another node.</li></ul><ul><li><strong>Replica:</strong> a copy of the data kept on another node, again.</li></ul>`)
	if n := len(items); n != 1 {
		t.Errorf("got %d items, want the duplicate merged into 1: %v", n, itemsOf(items))
	}
}

func TestPageMeta(t *testing.T) {
	art := extractEntry(entryInput{Src: Source{URL: "https://site.test/a/b.html"}, Page: true,
		HTML: `<html><head><title>Queues Explained | Site Name</title><link rel="canonical" href="../queues/"></head><body><nav><ul><li><a href="/">Home</a></li><li><a href="/x">X</a></li></ul></nav><main><h2 id="q">Kinds</h2><p>There are two kinds:</p><ul><li>FIFO queues</li><li>Priority queues</li></ul></main><footer><ul><li>Legal</li><li>Privacy</li></ul></footer></body></html>`})
	if art.Title != "Queues Explained" {
		t.Errorf("title = %q", art.Title)
	}
	if art.URL != "https://site.test/queues/" || art.EntryID != art.URL {
		t.Errorf("url = %q, entry id = %q", art.URL, art.EntryID)
	}
	if len(art.Items) != 1 || art.Items[0].Source.SectionURL != "https://site.test/queues/#q" {
		t.Fatalf("items = %v", itemsOf(art.Items))
	}
}

func TestTextHelpers(t *testing.T) {
	for in, want := range map[string]string{
		"1. API Gateway":         "API Gateway",
		"Step 3: Choose a store": "Choose a store",
		"Principle 2: Focus":     "Focus",
		"10) Ten":                "Ten",
		"Plain":                  "Plain",
	} {
		if got := trimEnumerator(in); got != want {
			t.Errorf("trimEnumerator(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"Frequently Asked Questions": "yes", "FAQ": "yes", "FAQs about billing": "yes",
		"Common Questions": "yes", "Questions and Answers": "yes", "Conclusion": "", "Asking good questions at work": "",
		"Questions readers asked": "yes", "Common Kubernetes Interview Questions": "yes", "People Also Ask": "yes",
		"Review questions": "", "Still have questions?": "", "How to answer interview questions": "",
		"Ask better questions": "",
	} {
		if got := isFAQHeading(in); got != (want == "yes") {
			t.Errorf("isFAQHeading(%q) = %v", in, got)
		}
	}
	if got := firstSentence("It is fast, e.g. for reads. Then more."); got != "It is fast, e.g. for reads." {
		t.Errorf("firstSentence = %q", got)
	}
	if got := cleanTitle("Queues Explained – The Blog"); got != "Queues Explained" {
		t.Errorf("cleanTitle = %q", got)
	}
}

// definitionsOf returns "term|definition" lines of the definition items.
func definitionsOf(items []Item) []string {
	var out []string
	for _, it := range items {
		if it.Kind == Definition {
			out = append(out, it.Term+"|"+it.Definition)
		}
	}
	return out
}

// TestDefinitionRules checks, on small pages from several domains, which
// label items, headings and sentences become definitions and which are
// benefits, advice, steps or inventories.
func TestDefinitionRules(t *testing.T) {
	tests := []struct {
		name, html string
		want       []string // exact term|definition lines, in order
	}{
		{"benefit list under a lead-in that announces effects",
			`<h2>Event logs</h2><p>How it improves auditing:</p><ul><li><strong>Traceability:</strong> Every change can be traced to the event that caused it.</li><li><strong>Replay:</strong> Past states can be rebuilt from the log at any time.</li></ul>`,
			nil},
		{"procedure after a circumstance lead-in",
			`<h2>Request flow</h2><p>When an order arrives:</p><ol><li><strong>Validation:</strong> The service checks the order against the catalogue.</li><li><strong>Payment:</strong> The payment provider charges the card on file.</li></ol>`,
			nil},
		{"bare inventories are enumeration members",
			`<h2>Pantry</h2><ul><li><strong>Baking staples:</strong> Flour, sugar, baking soda, vanilla extract.</li><li><strong>Spices:</strong> Cumin, paprika, chilli flakes, cinnamon.</li></ul>`,
			nil},
		{"an instruction lead-in introduces tasks",
			`<h2>Monitoring</h2><p>Measure the following for every endpoint:</p><ul><li><strong>Requests Served:</strong> Total number of requests that returned a response.</li><li><strong>Requests Failed:</strong> Total number of requests that ended in an error.</li></ul>`,
			nil},
		{"an instruction lead-in naming concepts keeps them",
			`<h2>Modes</h2><p>Pick one of these modes:</p><ul><li><strong>Strict mode:</strong> A mode that rejects every unknown field.</li><li><strong>Lenient mode:</strong> A mode that ignores unknown fields.</li></ul>`,
			[]string{"Strict mode|A mode that rejects every unknown field.", "Lenient mode|A mode that ignores unknown fields."}},
		{"plural terms with agreeing verbs describe",
			`<h2>Cell parts</h2><ul><li><strong>Lysosomes:</strong> Contain digestive enzymes that break down worn-out organelles.</li><li><strong>Ribosomes:</strong> Produce proteins from messenger RNA templates.</li></ul>`,
			[]string{"Lysosomes|Contain digestive enzymes that break down worn-out organelles.", "Ribosomes|Produce proteins from messenger RNA templates."}},
		{"bold line over a one-item list must read as a definition",
			`<h2>Lab</h2><p><strong>Field Notes:</strong></p><ul><li>Our group saw the cells best at 400x after staining.</li></ul><p><strong>Stain:</strong></p><ul><li>A dye that makes transparent structures visible under the microscope.</li></ul>`,
			[]string{"Stain|A dye that makes transparent structures visible under the microscope."}},
		{"what-is heading defines its term",
			`<h2>What is Sous Vide?</h2><p>Sous vide is a cooking method in which sealed food is cooked in a water bath at a precise temperature.</p><p>It takes longer than pan cooking, but the result is even from edge to centre.</p><p>Most cooks use an immersion circulator.</p>`,
			[]string{"Sous Vide|Sous vide is a cooking method in which sealed food is cooked in a water bath at a precise temperature."}},
		{"term after an opening clause",
			`<h2>The Pomodoro Technique: Focus in Sprints</h2><p>Developed by Francesco Cirillo, the Pomodoro Technique is a method that splits work into 25-minute intervals separated by short breaks.</p>`,
			[]string{"Pomodoro Technique|Developed by Francesco Cirillo, the Pomodoro Technique is a method that splits work into 25-minute intervals separated by short breaks."}},
		{"anaphor after an opening clause",
			`<h2>The Maillard Reaction</h2><p>Named after the chemist Louis-Camille Maillard, this reaction browns food when amino acids and sugars are heated together.</p>`,
			[]string{"Maillard Reaction|Named after the chemist Louis-Camille Maillard, this reaction browns food when amino acids and sugars are heated together."}},
		{"a principle stated, then named",
			`<h2>Single Responsibility Principle (SRP)</h2><p>Each module should have one, and only one, reason to change. This principle keeps modules small and focused.</p>`,
			[]string{"Single Responsibility Principle (SRP)|Each module should have one, and only one, reason to change. This principle keeps modules small and focused."}},
		{"quoted term as subject",
			`<h2>Code review</h2><p>Hosting platforms changed reviews. The "pull request" mechanism lets developers propose changes that peers review before merging.</p>`,
			[]string{`Pull request|The "pull request" mechanism lets developers propose changes that peers review before merging.`}},
		{"command label drops its quoted example argument",
			`<h2>Commands</h2><ul><li><code>git commit -m "Fix the parser"</code>: Records the staged changes as a new commit.</li></ul>`,
			[]string{`git commit|Records the staged changes as a new commit.`}},
		{"judgement and advice after an opening clause are not definitions",
			`<h2>Planning</h2><p><strong>Estimation:</strong> Underestimating task duration is a common pitfall in every team.</p><p><strong>Environment:</strong> Beyond software, consider your physical workspace and its noise.</p>`,
			nil},
		{"effects and developments are not definitions",
			`<h2>Shift work</h2><p><strong>Fatigue Risk:</strong> Long shifts without breaks lead to fatigue and more errors on the line.</p><p><strong>Remote Hiring:</strong> This trend widens the talent pool for small companies everywhere.</p><p><strong>Memory Leak:</strong> A bug that leads to ever-growing memory use.</p>`,
			[]string{"Memory Leak|A bug that leads to ever-growing memory use."}},
		{"an instruction naming vocabulary keeps its terms",
			`<h2>Kitchen basics</h2><p>Learn these words first:</p><ul><li><strong>Roux:</strong> A cooked mixture of flour and fat used to thicken sauces.</li><li><strong>Fond:</strong> The browned bits left in a pan after searing meat.</li></ul>`,
			[]string{"Roux|A cooked mixture of flour and fat used to thicken sauces.", "Fond|The browned bits left in a pan after searing meat."}},
		{"a definition inside a challenge's explanation",
			`<h2>Challenges</h2><ol><li><p><strong>Distributed Transactions:</strong> A single database transaction cannot span services. Most teams use the <strong>Outbox Pattern</strong>, which stores outgoing events in the same transaction as the data change.</p></li></ol>`,
			[]string{"Outbox Pattern|Most teams use the Outbox Pattern, which stores outgoing events in the same transaction as the data change."}},
		{"a section opening with the command it names",
			`<h2>Interactive Rebase: Rewriting History</h2><p><code>vcs rebase -i HEAD~3</code> lets you reorder, squash or drop the last three revisions. Use it before sharing a branch.</p>`,
			[]string{"Interactive Rebase|vcs rebase -i HEAD~3 lets you reorder, squash or drop the last three revisions. Use it before sharing a branch."}},
		{"one concept under two sibling sections stays two cards",
			`<h2>Algorithms</h2><h3>Token bucket</h3><ul><li><strong>Capacity:</strong> The maximum number of tokens the bucket holds.</li></ul><h3>Leaky bucket</h3><ul><li><strong>Capacity:</strong> The maximum number of requests the queue holds.</li></ul>`,
			[]string{"Capacity|The maximum number of tokens the bucket holds.", "Capacity|The maximum number of requests the queue holds."}},
		{"plural and parenthetical variants merge",
			`<h2>Meshes</h2><p><strong>Service Mesh:</strong> A dedicated infrastructure layer that handles service-to-service traffic.</p><p><strong>Service Meshes (e.g., Istio):</strong> Add a sidecar proxy next to every service.</p>`,
			[]string{"Service Mesh|A dedicated infrastructure layer that handles service-to-service traffic."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := definitionsOf(extractHTML(t, tt.html))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

func TestDefinitionHelpers(t *testing.T) {
	for s, want := range map[string]bool{
		"CPU utilization, memory usage, disk I/O, network I/O for servers.": true,
		"Request rates, error rates, latency (response times), throughput.": true,
		"A discrete, non-overlapping time interval (e.g., 0:00-0:59).":      false,
		"In-memory caches store query results, session data, or objects.":   false,
		"Crises, deadlines, pressing problems. These need attention now.":   false,
	} {
		if got := bareListBack(s); got != want {
			t.Errorf("bareListBack(%q) = %v, want %v", s, got, want)
		}
	}
	for h, want := range map[string]string{
		"What is Version Control, and Why is Git Essential?": "Version Control",
		"What Is Rate Limiting and Why Is It Crucial?":       "Rate Limiting",
		"What is a generator?":                               "Generator",
		"What are the benefits?":                             "",
		"Why it matters":                                     "",
		"What is it?":                                        "",
		"What is the difference between X and Y?":            "",
	} {
		if got := whatIsTerm(h); got != want {
			t.Errorf("whatIsTerm(%q) = %q, want %q", h, got, want)
		}
	}
	for s, want := range map[string]string{
		"Scalability is often misunderstood as \"adding servers.\" In practice it is more.": "Scalability is often misunderstood as \"adding servers.\"",
		"REST is the most common protocol. gRPC uses HTTP/2 instead.":                       "REST is the most common protocol.",
		"Run it with e.g. git bisect to find the bug.":                                      "Run it with e.g. git bisect to find the bug.",
	} {
		if got := firstSentence(s); got != want {
			t.Errorf("firstSentence(%q) = %q, want %q", s, got, want)
		}
	}
	for _, c := range [][2]string{{"Service Meshes", "Service Mesh"}, {"Local Repository (Git Directory)", "Local Repository"}, {"Policies", "Policy"}, {"Processes", "Process"}} {
		if conceptKey(c[0]) != conceptKey(c[1]) {
			t.Errorf("conceptKey(%q) = %q, conceptKey(%q) = %q; want equal", c[0], conceptKey(c[0]), c[1], conceptKey(c[1]))
		}
	}
}
