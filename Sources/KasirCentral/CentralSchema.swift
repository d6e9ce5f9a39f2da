/// The centre's PostgreSQL schema, version by version, as the café's migrations are: each
/// version literal SQL, frozen once shipped, applied once in order and recorded in
/// `central_migrations`.
///
/// - `cafes`: each enrolled café, keyed by its code, with its Ed25519 key and the head the
///   centre holds of its journal (sequence and hash), moved only by a verified batch.
/// - `journal`: every café's journal entries, keyed by café first, exactly as the café hashed
///   them; append-only (triggers), so no role can rewrite what was anchored.
/// - `batches`: every batch received (stored, duplicate or refused), with the café's sending
///   time beside the centre's receiving time; a refused batch is kept whole as evidence.
/// - `alarms`: a fork, a rollback, a signature that fails, a gap, a café gone silent.
enum CentralSchema {
    static let bookkeeping = """
        CREATE TABLE IF NOT EXISTS central_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
        );
        """

    /// Each version's statements, run one by one in one transaction (the extended protocol
    /// takes one statement at a time).
    static let migrations: [(version: Int, name: String, statements: [String])] = [
        (1, "cafes, their journals, batches and alarms", [
            """
            CREATE TABLE cafes (
                code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9]{2,16}$'),
                name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
                upt text NOT NULL CHECK (length(upt) BETWEEN 1 AND 200),
                kanwil text NOT NULL CHECK (length(kanwil) BETWEEN 1 AND 200),
                public_key bytea NOT NULL UNIQUE CHECK (length(public_key) = 32),
                enrolled_at timestamptz NOT NULL DEFAULT now(),
                -- The last entry the centre holds: moved only by a verified batch.
                head_seq bigint NOT NULL DEFAULT 0 CHECK (head_seq >= 0),
                head_hash text NOT NULL DEFAULT repeat('0', 64) CHECK (length(head_hash) = 64),
                anchored_at timestamptz
            );
            """,
            """
            CREATE TABLE batches (
                id bigserial PRIMARY KEY,
                -- NULL when the batch named a café the centre does not know.
                cafe text REFERENCES cafes(code),
                claimed_cafe text NOT NULL,
                first_seq bigint NOT NULL,
                last_seq bigint NOT NULL,
                head text NOT NULL,
                sent_at text NOT NULL,
                received_at timestamptz NOT NULL DEFAULT now(),
                outcome text NOT NULL CHECK (outcome IN ('stored', 'duplicate', 'refused')),
                stored_entries integer NOT NULL DEFAULT 0,
                reason text,
                -- The batch's bytes as they came, kept whole when refused: the evidence of an alarm.
                evidence bytea
            );
            """,
            """
            CREATE INDEX batches_cafe ON batches (cafe, id);
            """,
            """
            CREATE TABLE journal (
                cafe text NOT NULL REFERENCES cafes(code),
                seq bigint NOT NULL CHECK (seq > 0),
                at text NOT NULL,
                kind text NOT NULL,
                actor text,
                subject text,
                payload text NOT NULL,
                prev_hash text NOT NULL CHECK (length(prev_hash) = 64),
                hash text NOT NULL CHECK (length(hash) = 64),
                row_table text,
                row_key text,
                snapshot text,
                encoding integer NOT NULL,
                batch_id bigint NOT NULL REFERENCES batches(id),
                received_at timestamptz NOT NULL,
                PRIMARY KEY (cafe, seq)
            );
            """,
            """
            CREATE TABLE alarms (
                id bigserial PRIMARY KEY,
                cafe text,
                kind text NOT NULL CHECK (kind IN ('fork', 'rollback', 'signature', 'gap', 'stale')),
                at timestamptz NOT NULL DEFAULT now(),
                batch_id bigint REFERENCES batches(id),
                detail text NOT NULL
            );
            """,
            """
            CREATE INDEX alarms_cafe ON alarms (cafe, at);
            """,
            """
            CREATE FUNCTION kasir_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END;
            $$;
            """,
            """
            CREATE TRIGGER journal_append_only BEFORE UPDATE OR DELETE ON journal
            FOR EACH ROW EXECUTE FUNCTION kasir_append_only();
            """,
            """
            CREATE FUNCTION kasir_journal_chain() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.seq = 1 AND NEW.prev_hash = repeat('0', 64) THEN RETURN NEW; END IF;
                    IF NEW.prev_hash IS DISTINCT FROM
                        (SELECT j.hash FROM journal j WHERE j.cafe = NEW.cafe AND j.seq = NEW.seq - 1) THEN
                        RAISE EXCEPTION 'journal entry % of % does not follow the one before it', NEW.seq, NEW.cafe;
                    END IF;
                    RETURN NEW;
                END;
            $$;
            """,
            """
            CREATE TRIGGER journal_chain BEFORE INSERT ON journal
            FOR EACH ROW EXECUTE FUNCTION kasir_journal_chain();
            """,
            """
            CREATE TRIGGER journal_no_truncate BEFORE TRUNCATE ON journal
            FOR EACH STATEMENT EXECUTE FUNCTION kasir_append_only();
            """,
            """
            CREATE TRIGGER batches_append_only BEFORE UPDATE OR DELETE ON batches
            FOR EACH ROW EXECUTE FUNCTION kasir_append_only();
            """,
            """
            CREATE TRIGGER batches_no_truncate BEFORE TRUNCATE ON batches
            FOR EACH STATEMENT EXECUTE FUNCTION kasir_append_only();
            """,
            """
            CREATE TRIGGER alarms_append_only BEFORE UPDATE OR DELETE ON alarms
            FOR EACH ROW EXECUTE FUNCTION kasir_append_only();
            """,
            """
            CREATE TRIGGER alarms_no_truncate BEFORE TRUNCATE ON alarms
            FOR EACH STATEMENT EXECUTE FUNCTION kasir_append_only();
            """,
            """
            CREATE FUNCTION kasir_cafe_head() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.code <> OLD.code OR NEW.public_key <> OLD.public_key THEN
                        RAISE EXCEPTION 'a café''s code and key never change';
                    END IF;
                    IF NEW.head_seq < OLD.head_seq THEN
                        RAISE EXCEPTION 'a café''s head never moves back';
                    END IF;
                    IF NEW.head_seq > 0 AND NEW.head_hash IS DISTINCT FROM
                        (SELECT j.hash FROM journal j WHERE j.cafe = NEW.code AND j.seq = NEW.head_seq) THEN
                        RAISE EXCEPTION 'a café''s head is an entry the centre holds';
                    END IF;
                    RETURN NEW;
                END;
            $$;
            """,
            """
            CREATE TRIGGER cafes_head BEFORE UPDATE ON cafes
            FOR EACH ROW EXECUTE FUNCTION kasir_cafe_head();
            """,
            """
            CREATE TRIGGER cafes_no_delete BEFORE DELETE OR TRUNCATE ON cafes
            FOR EACH STATEMENT EXECUTE FUNCTION kasir_append_only();
            """,
        ]),
    ]
}
