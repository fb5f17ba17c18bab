-- What a document arrived with beyond its bytes (ingest's --source-url and --published, a
-- fetched page's address, a feed entry's date, a submitter's organization, title and
-- contact), as JSON, so that every later reading replays it. Never edit a shipped
-- migration: add a new file instead.
ALTER TABLE documents ADD COLUMN given TEXT NOT NULL DEFAULT '{}';
-- Documents stored before this kept their overrides only in these columns: keep them as
-- given, so a reprocess after the upgrade loses nothing (a merge patch drops the nulls).
UPDATE documents SET given = json_patch('{}', json_object('source_url', source_url, 'published', published));
