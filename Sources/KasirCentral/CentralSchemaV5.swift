extension CentralSchema {
    /// Version 5: a café that restored a backup on purpose is not refused for ever. An officer
    /// at the centre accepts its new branch (`kasir-central cafe accept CODE --reason …`): the
    /// entries the centre held from where the café's journal parts on move, whole, from
    /// `journal` into `journal_superseded` under an `acceptances` row that says who, when and
    /// why, and the café's head goes back to the entry before the fork, from which the café
    /// sends its new branch as usual. Nothing is lost: both branches stay, append-only. The
    /// relational tables (version 4) are made anew from the journal in the same transaction,
    /// so no row of the old branch outlives it there.
    ///
    /// Only `kasir_accept_branch`, run by the tables' owner, may take entries out of `journal`
    /// or move a head back. The journal's and the café's triggers let exactly that through:
    /// the function says which café it is accepting in a transaction-local setting, and the
    /// trigger also requires the tables' owner as the current user (inside the SECURITY
    /// DEFINER function it is). The setting alone would not do: any role can set a custom
    /// setting, and the server's role may update a café's head.
    ///
    /// The triggers name their tables with the schema (`public.journal`): a relation name is
    /// looked up in the session's temporary schema first, where any role may make a table
    /// called `journal` to answer for the real one.
    static let branchAcceptance: [String] = [
        """
        CREATE TABLE acceptances (
            id bigserial PRIMARY KEY,
            cafe text NOT NULL REFERENCES cafes(code),
            -- The first entry of the old branch the centre held: from here on it is evidence.
            fork_seq bigint NOT NULL CHECK (fork_seq > 0),
            -- The head the centre held before: the old branch's last entry.
            old_head_seq bigint NOT NULL,
            old_head_hash text NOT NULL CHECK (length(old_head_hash) = 64),
            -- The café's signed batch of its new branch, refused as a fork or rollback and kept.
            evidence_batch_id bigint NOT NULL REFERENCES batches(id),
            -- The café's last batch when accepted: what it shows after is for a later acceptance.
            last_batch_id bigint NOT NULL REFERENCES batches(id),
            reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500 AND btrim(reason) <> ''),
            accepted_by text NOT NULL DEFAULT session_user,
            accepted_at timestamptz NOT NULL DEFAULT now(),
            CHECK (old_head_seq >= fork_seq)
        );
        """,
        """
        CREATE INDEX acceptances_cafe ON acceptances (cafe, id);
        """,
        // The entries an acceptance took out of `journal`, exactly as they were held.
        """
        CREATE TABLE journal_superseded (
            cafe text NOT NULL REFERENCES cafes(code),
            acceptance_id bigint NOT NULL REFERENCES acceptances(id),
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
            private_digest text CHECK (private_digest IS NULL OR (encoding = 3 AND private_digest ~ '^[0-9a-f]{64}$')),
            batch_id bigint NOT NULL REFERENCES batches(id),
            received_at timestamptz NOT NULL,
            PRIMARY KEY (cafe, acceptance_id, seq)
        );
        """,
        // The journal's trigger looks an entry up here by its place before letting it go.
        """
        CREATE INDEX journal_superseded_seq ON journal_superseded (cafe, seq);
        """,
        """
        CREATE TRIGGER acceptances_append_only BEFORE UPDATE OR DELETE ON acceptances
        FOR EACH ROW EXECUTE FUNCTION kasir_append_only();
        """,
        """
        CREATE TRIGGER acceptances_no_truncate BEFORE TRUNCATE ON acceptances
        FOR EACH STATEMENT EXECUTE FUNCTION kasir_append_only();
        """,
        """
        CREATE TRIGGER journal_superseded_append_only BEFORE UPDATE OR DELETE ON journal_superseded
        FOR EACH ROW EXECUTE FUNCTION kasir_append_only();
        """,
        """
        CREATE TRIGGER journal_superseded_no_truncate BEFORE TRUNCATE ON journal_superseded
        FOR EACH STATEMENT EXECUTE FUNCTION kasir_append_only();
        """,
        // Whether café `cafe` is being accepted, by the owner of the table `relation`: the
        // setting `kasir_accept_branch` makes for its transaction, and the owner's privileges
        // (`current_user` inside that SECURITY DEFINER function).
        """
        CREATE FUNCTION kasir_accepting(cafe text, relation oid) RETURNS boolean LANGUAGE sql AS $$
            SELECT coalesce(pg_catalog.current_setting('kasir.accepting', true) = cafe, false)
                AND pg_catalog.pg_has_role(current_user, (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = relation), 'USAGE')
        $$;
        """,
        // The journal's own guard, no longer the one it shared: a row leaves only while its
        // café is being accepted, by the owner, and only once it is kept as evidence.
        """
        CREATE FUNCTION kasir_journal_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' AND public.kasir_accepting(OLD.cafe, TG_RELID) AND EXISTS (
                    SELECT 1 FROM public.journal_superseded s WHERE s.cafe = OLD.cafe AND s.seq = OLD.seq AND s.hash = OLD.hash) THEN
                    RETURN OLD;
                END IF;
                RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
            END;
        $$;
        """,
        """
        DROP TRIGGER journal_append_only ON journal;
        """,
        """
        CREATE TRIGGER journal_append_only BEFORE UPDATE OR DELETE ON journal
        FOR EACH ROW EXECUTE FUNCTION kasir_journal_append_only();
        """,
        // As in version 2, reading the real journal (not a temporary table of the same name).
        """
        CREATE OR REPLACE FUNCTION kasir_journal_chain() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                begins_after bigint;
                begins_with text;
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM public.journal j WHERE j.cafe = NEW.cafe) THEN
                    SELECT c.base_seq, c.base_hash INTO begins_after, begins_with FROM public.cafes c WHERE c.code = NEW.cafe;
                    IF NEW.seq - 1 = begins_after AND NEW.prev_hash = begins_with THEN
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION 'journal entry % of % is not where its history at the centre begins', NEW.seq, NEW.cafe;
                END IF;
                IF NEW.prev_hash IS DISTINCT FROM
                    (SELECT j.hash FROM public.journal j WHERE j.cafe = NEW.cafe AND j.seq = NEW.seq - 1) THEN
                    RAISE EXCEPTION 'journal entry % of % does not follow the one before it', NEW.seq, NEW.cafe;
                END IF;
                RETURN NEW;
            END;
        $$;
        """,
        // A head moves back only in an acceptance, and only once the journal ends there; it
        // may then be where the café's history begins, when the fork is its first entry here.
        """
        CREATE OR REPLACE FUNCTION kasir_cafe_head() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                accepting boolean := public.kasir_accepting(OLD.code, TG_RELID);
            BEGIN
                IF NEW.code <> OLD.code OR NEW.public_key <> OLD.public_key THEN
                    RAISE EXCEPTION 'a café''s code and key never change';
                END IF;
                IF (NEW.base_seq, NEW.base_hash) IS DISTINCT FROM (OLD.base_seq, OLD.base_hash) AND OLD.head_seq > 0 THEN
                    RAISE EXCEPTION 'where a café''s history begins never changes once the centre holds some of it';
                END IF;
                IF NEW.head_seq < OLD.head_seq THEN
                    IF NOT accepting THEN
                        RAISE EXCEPTION 'a café''s head never moves back';
                    END IF;
                    IF EXISTS (SELECT 1 FROM public.journal j WHERE j.cafe = NEW.code AND j.seq > NEW.head_seq) THEN
                        RAISE EXCEPTION 'a café''s head moves back only past entries kept as evidence';
                    END IF;
                END IF;
                IF (NEW.head_seq, NEW.head_hash) IS DISTINCT FROM (OLD.head_seq, OLD.head_hash) AND NEW.head_seq > 0
                    AND NEW.head_hash IS DISTINCT FROM (SELECT j.hash FROM public.journal j WHERE j.cafe = NEW.code AND j.seq = NEW.head_seq)
                    AND NOT (accepting AND NEW.head_seq = NEW.base_seq AND NEW.head_hash = NEW.base_hash) THEN
                    RAISE EXCEPTION 'a café''s head is an entry the centre holds';
                END IF;
                RETURN NEW;
            END;
        $$;
        """,
        // The acceptance itself, in the caller's transaction: the café's row locked, the old
        // branch kept and taken out of the journal, the head back before the fork. Its checks
        // are what the database alone can hold to; the command checks the café's signed
        // evidence before it calls this.
        """
        CREATE FUNCTION kasir_accept_branch(p_cafe text, p_fork_seq bigint, p_evidence bigint, p_reason text, p_at timestamptz DEFAULT now())
        RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
            DECLARE
                held record;
                accepted bigint;
                new_head text;
            BEGIN
                SELECT c.head_seq, c.head_hash, c.base_seq, c.base_hash INTO held FROM public.cafes c WHERE c.code = p_cafe FOR UPDATE;
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'no café %', p_cafe;
                END IF;
                IF p_fork_seq IS NULL OR p_fork_seq <= held.base_seq OR p_fork_seq > held.head_seq THEN
                    RAISE EXCEPTION 'entry % of % is not one the centre holds (#% to #%)', p_fork_seq, p_cafe, held.base_seq + 1, held.head_seq;
                END IF;
                IF NOT EXISTS (SELECT 1 FROM public.batches b WHERE b.id = p_evidence AND b.cafe = p_cafe AND b.outcome = 'refused'
                    AND b.evidence IS NOT NULL) THEN
                    RAISE EXCEPTION 'batch % is not evidence kept of %', p_evidence, p_cafe;
                END IF;
                IF p_fork_seq - 1 = held.base_seq THEN
                    new_head := held.base_hash;
                ELSE
                    SELECT j.hash INTO new_head FROM public.journal j WHERE j.cafe = p_cafe AND j.seq = p_fork_seq - 1;
                END IF;
                INSERT INTO public.acceptances (cafe, fork_seq, old_head_seq, old_head_hash, evidence_batch_id, last_batch_id, reason, accepted_at)
                VALUES (p_cafe, p_fork_seq, held.head_seq, held.head_hash, p_evidence,
                    (SELECT max(b.id) FROM public.batches b WHERE b.cafe = p_cafe), p_reason, coalesce(p_at, now()))
                RETURNING id INTO accepted;
                INSERT INTO public.journal_superseded (cafe, acceptance_id, seq, at, kind, actor, subject, payload, prev_hash, hash, row_table,
                    row_key, snapshot, encoding, private_digest, batch_id, received_at)
                SELECT j.cafe, accepted, j.seq, j.at, j.kind, j.actor, j.subject, j.payload, j.prev_hash, j.hash, j.row_table,
                    j.row_key, j.snapshot, j.encoding, j.private_digest, j.batch_id, j.received_at
                FROM public.journal j WHERE j.cafe = p_cafe AND j.seq >= p_fork_seq;
                PERFORM pg_catalog.set_config('kasir.accepting', p_cafe, true);
                DELETE FROM public.journal j WHERE j.cafe = p_cafe AND j.seq >= p_fork_seq;
                UPDATE public.cafes SET head_seq = p_fork_seq - 1, head_hash = new_head WHERE code = p_cafe;
                PERFORM pg_catalog.set_config('kasir.accepting', '', true);
                -- The relational tables (version 4) follow the journal: the old branch's rows go.
                PERFORM public.kasir_rebuild(p_cafe);
                RETURN accepted;
            END;
        $$;
        """,
        // Only the owner, who runs `kasir-central cafe accept`, calls it: no role is granted it.
        """
        REVOKE ALL ON FUNCTION kasir_accept_branch(text, bigint, bigint, text, timestamptz) FROM PUBLIC;
        """,
        // Every reader sees its cafés' acceptances, as it sees their alarms; the old branch's
        // entries are evidence, for the directorate.
        """
        GRANT SELECT ON acceptances TO kasir_directorate, kasir_kanwil, kasir_cafe;
        """,
        """
        GRANT SELECT ON journal_superseded TO kasir_directorate;
        """,
        """
        ALTER TABLE acceptances ENABLE ROW LEVEL SECURITY;
        """,
        """
        ALTER TABLE journal_superseded ENABLE ROW LEVEL SECURITY;
        """,
        """
        CREATE POLICY directorate_acceptances ON acceptances FOR SELECT TO kasir_directorate USING (true);
        """,
        // Through cafes, whose own policy already keeps a Kanwil to its cafés.
        """
        CREATE POLICY kanwil_acceptances ON acceptances FOR SELECT TO kasir_kanwil USING (cafe IN (SELECT code FROM cafes));
        """,
        """
        CREATE POLICY cafe_acceptances ON acceptances FOR SELECT TO kasir_cafe USING (cafe = kasir_reader_cafe());
        """,
        """
        CREATE POLICY directorate_journal_superseded ON journal_superseded FOR SELECT TO kasir_directorate USING (true);
        """,
        // The server refuses an entry of a branch set aside, carried in again: it reads which
        // entries those are (their place and hash), never their contents.
        """
        GRANT SELECT (cafe, acceptance_id, seq, hash) ON journal_superseded TO kasir_ingest;
        """,
        """
        CREATE POLICY ingest_journal_superseded ON journal_superseded FOR SELECT TO kasir_ingest USING (true);
        """,
    ]
}
