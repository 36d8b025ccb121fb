// Package anki writes feedcards cards as files Anki imports with no fix-up:
// a CSV text-import file (WriteCSV) that uses Anki's stock note types, and a
// Legacy 1 .apkg package (WritePackage) with feedcards' own note types.
//
// Both formats follow the import contract in design/ANKI.md:
//
//   - Every Anki note carries a stable GUID: the feedcards note id
//     (quiz.Note.ID), which never depends on field text, so re-importing an
//     updated export updates notes in place instead of adding duplicates.
//   - Fields are HTML. Plain text is escaped and newlines become <br>;
//     HTML that came from an article is sanitised with bluemonday to a small
//     allow-list (no script, style, iframe, event attributes, comments or
//     javascript: URLs). No control character survives in a field.
//   - The back of every note ends with a source line: the article title and
//     heading path, linked to the nearest section.
//   - Cloze deletions never break on "::" or "}}" in the text: colons and
//     braces inside a deletion are written as character references.
//   - Tags have no whitespace; deck names use "::" for levels.
//
// How feedcards notes map to Anki notes: a basic note becomes one Basic note,
// a basic-reverse note one "Basic (and reversed card)" note, and a cloze
// note (an ordered list) one Cloze note with a deletion per step plus, when
// the note also has a forward enumeration card, a Basic note for it whose
// GUID is derived from the note id.
//
// Re-importing a CSV file replaces the tags of updated notes (Anki's rule),
// including the user's "marked" and "leech" tags. In a package, note mod
// times are the time the note's content last changed, never the export time,
// so Anki's default "update if newer" keeps the user's own later edits.
package anki
