-- Chunks stored per run, counted on the run row: a chunk store is an insert plus one counter update (the row
-- lock is held only from that update to the commit), and the one store that brings the count to chunk_count
-- completes the run. Replaces locking the run row first and counting screener_chunk_result on every store.
ALTER TABLE screener_run ADD COLUMN chunks_done INT NOT NULL DEFAULT 0;
