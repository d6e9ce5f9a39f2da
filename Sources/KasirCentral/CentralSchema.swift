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
        (2, "free text stays at the café; a café's history begins where it joined", [
            // Encoding 3: the snapshot is its public form, and this the salted digest of the whole.
            """
            ALTER TABLE journal ADD COLUMN private_digest text
                CHECK (private_digest IS NULL OR (encoding = 3 AND private_digest ~ '^[0-9a-f]{64}$'));
            """,
            // What a batch's signature covers, kept with every batch, so that `kasir-central
            // verify` can check each stored entry's signature again, whenever.
            """
            ALTER TABLE batches ADD COLUMN previous_hash text CHECK (previous_hash IS NULL OR length(previous_hash) = 64),
                ADD COLUMN signature text;
            """,
            // The entry before the first the centre holds of a café: its history here begins at
            // the café's join, for what came before may hold names in clear and never leaves it.
            """
            ALTER TABLE cafes ADD COLUMN base_seq bigint NOT NULL DEFAULT 0 CHECK (base_seq >= 0),
                ADD COLUMN base_hash text NOT NULL DEFAULT repeat('0', 64) CHECK (length(base_hash) = 64);
            """,
            """
            CREATE OR REPLACE FUNCTION kasir_journal_chain() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    begins_after bigint;
                    begins_with text;
                BEGIN
                    IF NOT EXISTS (SELECT 1 FROM journal j WHERE j.cafe = NEW.cafe) THEN
                        SELECT c.base_seq, c.base_hash INTO begins_after, begins_with FROM cafes c WHERE c.code = NEW.cafe;
                        IF NEW.seq - 1 = begins_after AND NEW.prev_hash = begins_with THEN
                            RETURN NEW;
                        END IF;
                        RAISE EXCEPTION 'journal entry % of % is not where its history at the centre begins', NEW.seq, NEW.cafe;
                    END IF;
                    IF NEW.prev_hash IS DISTINCT FROM
                        (SELECT j.hash FROM journal j WHERE j.cafe = NEW.cafe AND j.seq = NEW.seq - 1) THEN
                        RAISE EXCEPTION 'journal entry % of % does not follow the one before it', NEW.seq, NEW.cafe;
                    END IF;
                    RETURN NEW;
                END;
            $$;
            """,
            """
            CREATE OR REPLACE FUNCTION kasir_cafe_head() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.code <> OLD.code OR NEW.public_key <> OLD.public_key THEN
                        RAISE EXCEPTION 'a café''s code and key never change';
                    END IF;
                    IF (NEW.base_seq, NEW.base_hash) IS DISTINCT FROM (OLD.base_seq, OLD.base_hash) AND OLD.head_seq > 0 THEN
                        RAISE EXCEPTION 'where a café''s history begins never changes once the centre holds some of it';
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
        ]),
        (3, "least privilege: the server's role, report roles, a Kanwil's and a café's rows only", [
            // Roles belong to the whole cluster: made once, whichever database migrates first.
            // None of them owns a table, so none can drop one, disable its triggers or bypass
            // its row-level security; only the operator who migrates (the owner) can.
            """
            DO $$
            DECLARE name text;
            BEGIN
                FOREACH name IN ARRAY ARRAY['kasir_ingest', 'kasir_directorate', 'kasir_kanwil', 'kasir_cafe'] LOOP
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = name) THEN
                        -- Another database migrating at the same moment may make it first.
                        BEGIN
                            EXECUTE format('CREATE ROLE %I NOLOGIN', name);
                        EXCEPTION WHEN duplicate_object OR unique_violation THEN
                            NULL;
                        END;
                    END IF;
                END LOOP;
            END;
            $$;
            """,
            // The people who read the centre, each a login role of PostgreSQL in one of the
            // report roles: PostgreSQL checks their passwords, and row-level security what they see.
            """
            CREATE TABLE central_users (
                name text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_]{2,31}$'),
                role text NOT NULL CHECK (role IN ('directorate', 'kanwil', 'cafe')),
                kanwil text CHECK (kanwil IS NULL OR length(kanwil) BETWEEN 1 AND 200),
                cafe text REFERENCES cafes(code),
                created_at timestamptz NOT NULL DEFAULT now(),
                created_by text NOT NULL DEFAULT current_user,
                CHECK ((role = 'kanwil') = (kanwil IS NOT NULL) AND (role = 'cafe') = (cafe IS NOT NULL))
            );
            """,
            """
            REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
            """,
            """
            GRANT SELECT ON central_migrations TO kasir_ingest, kasir_directorate, kasir_kanwil, kasir_cafe;
            """,
            // The server takes batches in: it adds rows and moves a café's head, nothing else.
            """
            GRANT SELECT, INSERT ON journal, batches, alarms TO kasir_ingest;
            """,
            """
            GRANT SELECT, UPDATE (head_seq, head_hash, anchored_at, base_seq, base_hash) ON cafes TO kasir_ingest;
            """,
            """
            GRANT USAGE ON SEQUENCE batches_id_seq, alarms_id_seq TO kasir_ingest;
            """,
            """
            GRANT SELECT ON cafes, journal, batches, alarms TO kasir_directorate;
            """,
            """
            GRANT SELECT ON cafes, journal, alarms TO kasir_kanwil, kasir_cafe;
            """,
            // A refused batch's bytes are evidence for the directorate: they may hold what a
            // café's tampered file held, and are not a Kanwil's or a café's reader's to read.
            """
            GRANT SELECT (id, cafe, claimed_cafe, first_seq, last_seq, head, sent_at, received_at, outcome, stored_entries, reason,
                previous_hash, signature) ON batches TO kasir_kanwil, kasir_cafe;
            """,
            // What a reader may see, read by the policies without granting the table: the
            // session's user (inside a SECURITY DEFINER function `current_user` is its owner),
            // which a reader cannot change, and no argument, so no reader can ask of another.
            """
            CREATE FUNCTION kasir_reader_kanwil() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
                SELECT kanwil FROM central_users WHERE name = session_user AND role = 'kanwil'
            $$;
            """,
            """
            CREATE FUNCTION kasir_reader_cafe() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
                SELECT cafe FROM central_users WHERE name = session_user AND role = 'cafe'
            $$;
            """,
            """
            REVOKE ALL ON FUNCTION kasir_reader_kanwil(), kasir_reader_cafe() FROM PUBLIC;
            """,
            """
            GRANT EXECUTE ON FUNCTION kasir_reader_kanwil() TO kasir_kanwil;
            """,
            """
            GRANT EXECUTE ON FUNCTION kasir_reader_cafe() TO kasir_cafe;
            """,
            """
            ALTER TABLE cafes ENABLE ROW LEVEL SECURITY;
            """,
            """
            ALTER TABLE journal ENABLE ROW LEVEL SECURITY;
            """,
            """
            ALTER TABLE batches ENABLE ROW LEVEL SECURITY;
            """,
            """
            ALTER TABLE alarms ENABLE ROW LEVEL SECURITY;
            """,
            """
            CREATE POLICY ingest_cafes ON cafes TO kasir_ingest USING (true) WITH CHECK (true);
            """,
            """
            CREATE POLICY directorate_cafes ON cafes FOR SELECT TO kasir_directorate USING (true);
            """,
            """
            CREATE POLICY kanwil_cafes ON cafes FOR SELECT TO kasir_kanwil USING (kanwil = kasir_reader_kanwil());
            """,
            """
            CREATE POLICY cafe_cafes ON cafes FOR SELECT TO kasir_cafe USING (code = kasir_reader_cafe());
            """,
        ] + ["journal", "batches", "alarms"].flatMap { table in [
            "CREATE POLICY ingest_\(table) ON \(table) TO kasir_ingest USING (true) WITH CHECK (true);",
            "CREATE POLICY directorate_\(table) ON \(table) FOR SELECT TO kasir_directorate USING (true);",
            // Through cafes, whose own policy already keeps a Kanwil to its cafés.
            "CREATE POLICY kanwil_\(table) ON \(table) FOR SELECT TO kasir_kanwil USING (cafe IN (SELECT code FROM cafes));",
            "CREATE POLICY cafe_\(table) ON \(table) FOR SELECT TO kasir_cafe USING (cafe = kasir_reader_cafe());",
        ] }),
        (4, "the relational tables, projections of the verified journal, partitioned by month", projections),
        (5, "an officer accepts a café's new branch; the old kept as evidence", branchAcceptance),
        (6, "an order is held on one day", orderDays),
        (7, "the projection checks a batch's rows as a set", setWiseProjection),
        (8, "transcripts are found by their number", transcriptLookup),
        (9, "officers sign in to the centre's pages", officerSignIn),
        (10, "each WBP's hours per month, kept as shifts arrive", monthlyHours),
        (11, "a batch's orders projected from one read of each snapshot", ordersParsedOnce),
    ]
}
