-- A ready upload whose file was deleted remembers the file's id, so that its current state —
-- `file.deleted` — can be told to a subscriber that joins or reconnects afterwards (before, such
-- a subscriber was told nothing; the chaos soak caught a follower that never learnt how its
-- upload ended).
ALTER TABLE uploads ADD COLUMN deleted_file_id uuid;
