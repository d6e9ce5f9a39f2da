/// Schema v17, for the journal to leave the café without its free text.
///
/// - `journal_salt`: one random salt, written once, never journaled and never sent. An entry
///   whose row holds free text (a note, a reason, a decree number) is hashed in
///   ``KasirLedger/JournalEncoding/v3``: over the row's public form, where each such value is
///   `true`, and the SHA-256 of this salt, a zero byte and the whole snapshot. The centre
///   checks the chain without the text; the salt keeps a short reason from being guessed back
///   from its digest.
/// - The journal gains `public_snapshot` (the public form, on such entries only) and accepts
///   encoding 3. SQLite cannot change a CHECK, so the table is made anew and its rows copied
///   as they are: no entry changes, so the chain and every snapshot read as before.
///
/// Frozen: the journal's definition as it stands at v17, whatever the application becomes.
enum SchemaV17 {
    static let sql = """
        CREATE TABLE journal_salt (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            salt TEXT NOT NULL CHECK (length(salt) = 32 AND salt NOT GLOB '*[^0-9a-f]*')
        );
        INSERT INTO journal_salt (id, salt) VALUES (1, lower(hex(randomblob(16))));
        CREATE TRIGGER journal_salt_fixed BEFORE UPDATE ON journal_salt
            BEGIN SELECT RAISE(ABORT, 'the journal salt never changes'); END;
        CREATE TRIGGER journal_salt_kept BEFORE DELETE ON journal_salt
            BEGIN SELECT RAISE(ABORT, 'the journal salt is never deleted'); END;

        CREATE TABLE journal_v17 (
            seq INTEGER PRIMARY KEY,
            \(SchemaV6.instantColumn("at")),
            kind TEXT NOT NULL,
            actor TEXT,
            subject TEXT,
            payload TEXT NOT NULL,
            prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
            hash TEXT NOT NULL CHECK (length(hash) = 64),
            row_table TEXT,
            row_key TEXT,
            snapshot TEXT,
            encoding INTEGER NOT NULL DEFAULT 1 CHECK (encoding IN (1, 2, 3)),
            -- Encoding 3, when the row held free text: the form the hash covers (and the centre
            -- receives), beside the whole snapshot above.
            public_snapshot TEXT,
            CHECK ((row_table IS NULL) = (row_key IS NULL) AND (row_table IS NULL) = (snapshot IS NULL)),
            CHECK (public_snapshot IS NULL OR (encoding = 3 AND snapshot IS NOT NULL))
        );
        INSERT INTO journal_v17 (seq, at, kind, actor, subject, payload, prev_hash, hash, row_table, row_key, snapshot, encoding)
            SELECT seq, at, kind, actor, subject, payload, prev_hash, hash, row_table, row_key, snapshot, encoding FROM journal ORDER BY seq;
        DROP TABLE journal;
        ALTER TABLE journal_v17 RENAME TO journal;
        CREATE INDEX journal_row ON journal(row_table, row_key) WHERE row_table IS NOT NULL;
        CREATE INDEX journal_pin ON journal(subject, kind, seq)
            WHERE kind IN ('pin_failed', 'pin_lockout', 'pin_unlocked', 'pin_reset');
        CREATE INDEX journal_actor ON journal(actor, seq) WHERE actor IS NOT NULL;
        CREATE INDEX journal_wbp_pin_set ON journal(subject, seq) WHERE kind = 'wbp_pin_set';

        """ + SchemaV6.appendOnly("journal", "journal rows")
}
