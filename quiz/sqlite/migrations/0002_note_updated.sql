-- 0002: when a note's content last changed, for Anki's "update if newer".
-- updated: Unix nanoseconds of the import that created the note or last
-- changed its content: its item (fields), sources or tags (a move to another
-- deck changes the deck tag). A new note type or a restored orphan does not
-- count. Notes from before this migration start from their modified time.
ALTER TABLE notes ADD COLUMN updated INTEGER NOT NULL DEFAULT 0;
UPDATE notes SET updated = modified;
