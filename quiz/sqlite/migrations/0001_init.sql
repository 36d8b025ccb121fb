-- 0001: the first feedcards collection schema.
-- Times are Unix nanoseconds (UTC); 0 means "never" where a time is optional.

CREATE TABLE decks (
	name              TEXT PRIMARY KEY,
	desired_retention REAL    NOT NULL DEFAULT 0.9,
	weights           TEXT    NOT NULL DEFAULT '',  -- JSON array of the 21 FSRS-6 weights; '' = defaults
	maximum_interval  INTEGER NOT NULL DEFAULT 36500,
	new_per_day       INTEGER NOT NULL DEFAULT 20,
	created           INTEGER NOT NULL
) STRICT;

CREATE TABLE feeds (
	url           TEXT PRIMARY KEY,  -- as the user gave it (path, URL or "-")
	title         TEXT NOT NULL DEFAULT '',
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	content_hash  TEXT NOT NULL DEFAULT '',  -- of the bytes last imported in full (files), see SourceHash
	fetched       INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE articles (
	id       INTEGER PRIMARY KEY,
	deck     TEXT NOT NULL REFERENCES decks(name),
	feed     TEXT NOT NULL REFERENCES feeds(url),
	entry_id TEXT NOT NULL,
	title    TEXT NOT NULL DEFAULT '',
	url      TEXT NOT NULL DEFAULT '',
	hash     TEXT NOT NULL,  -- content hash: same hash, same items
	cards    INTEGER NOT NULL DEFAULT 0,  -- live cards of the notes first seen in it (last import)
	updated  INTEGER NOT NULL,
	UNIQUE (deck, feed, entry_id)
) STRICT;

CREATE TABLE notes (
	id       TEXT PRIMARY KEY,  -- stable id, the Anki GUID
	deck     TEXT NOT NULL REFERENCES decks(name),
	seq      INTEGER NOT NULL,  -- insertion order: the stable card order
	type     TEXT NOT NULL,
	item     TEXT NOT NULL,     -- extract.Item as JSON (the extract --json shape)
	sources  TEXT NOT NULL,     -- JSON array of extract.Source
	tags     TEXT NOT NULL,     -- JSON array of strings
	hash     TEXT NOT NULL,     -- fingerprint of the note and its cards' text
	created  INTEGER NOT NULL,
	modified INTEGER NOT NULL
) STRICT;
CREATE INDEX notes_deck ON notes (deck, seq);

-- Which articles a note was found in (several for merged duplicates).
CREATE TABLE note_articles (
	note_id    TEXT    NOT NULL REFERENCES notes(id),
	article_id INTEGER NOT NULL REFERENCES articles(id),
	PRIMARY KEY (article_id, note_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX note_articles_note ON note_articles (note_id);

CREATE TABLE cards (
	id             TEXT PRIMARY KEY,  -- note id + "/" + template
	note_id        TEXT    NOT NULL REFERENCES notes(id),
	deck           TEXT    NOT NULL REFERENCES decks(name),
	template       TEXT    NOT NULL,
	seq            INTEGER NOT NULL,  -- note seq * 1024 + template position: the stable order
	front          TEXT    NOT NULL,
	back           TEXT    NOT NULL,
	due            INTEGER NOT NULL,
	stability      REAL    NOT NULL DEFAULT 0,
	difficulty     REAL    NOT NULL DEFAULT 0,
	elapsed_days   INTEGER NOT NULL DEFAULT 0,
	scheduled_days INTEGER NOT NULL DEFAULT 0,
	step           INTEGER NOT NULL DEFAULT 0,
	reps           INTEGER NOT NULL DEFAULT 0,
	lapses         INTEGER NOT NULL DEFAULT 0,
	state          INTEGER NOT NULL DEFAULT 0,
	last_review    INTEGER NOT NULL DEFAULT 0,
	suspended      INTEGER NOT NULL DEFAULT 0,
	orphaned       INTEGER NOT NULL DEFAULT 0,
	added          INTEGER NOT NULL
) STRICT;
CREATE INDEX cards_note ON cards (note_id);
CREATE INDEX cards_order ON cards (deck, seq);  -- the stable order of Cards
CREATE INDEX cards_deck ON cards (deck, suspended, due);
-- The study queue: cards in learning or review by due time, new cards by position.
CREATE INDEX cards_due ON cards (deck, due, seq) WHERE suspended = 0 AND state <> 0;
CREATE INDEX cards_due_all ON cards (due, seq) WHERE suspended = 0 AND state <> 0;
CREATE INDEX cards_new ON cards (deck, seq) WHERE suspended = 0 AND state = 0;
CREATE INDEX cards_new_all ON cards (seq) WHERE suspended = 0 AND state = 0;

-- The review log, kept from the first answer. b_* is the memory state
-- before the answer, so an answer can be undone exactly.
CREATE TABLE revlog (
	id             INTEGER PRIMARY KEY,
	card_id        TEXT    NOT NULL REFERENCES cards(id),
	deck           TEXT    NOT NULL,
	at             INTEGER NOT NULL,
	rating         INTEGER NOT NULL,
	elapsed_days   INTEGER NOT NULL,
	scheduled_days INTEGER NOT NULL,
	state_before   INTEGER NOT NULL,
	state_after    INTEGER NOT NULL,
	duration_ms    INTEGER NOT NULL,
	b_due          INTEGER NOT NULL,
	b_stability    REAL    NOT NULL,
	b_difficulty   REAL    NOT NULL,
	b_elapsed_days INTEGER NOT NULL,
	b_scheduled    INTEGER NOT NULL,
	b_step         INTEGER NOT NULL,
	b_reps         INTEGER NOT NULL,
	b_lapses       INTEGER NOT NULL,
	b_state        INTEGER NOT NULL,
	b_last_review  INTEGER NOT NULL
) STRICT;
CREATE INDEX revlog_card ON revlog (card_id, at);
CREATE INDEX revlog_deck ON revlog (deck, at);
CREATE INDEX revlog_at ON revlog (at);
