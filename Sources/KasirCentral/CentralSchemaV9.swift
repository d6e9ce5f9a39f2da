extension CentralSchema {
    /// Version 9: officers sign in to the centre's pages.
    ///
    /// - `central_users.password_hash`: the reader's password as a salted PBKDF2 hash
    ///   (`SecretHash`), beside the SCRAM verifier PostgreSQL keeps for its login role, so the
    ///   server (which owns nothing and cannot read `pg_authid`) can check a sign-in.
    /// - `web_sessions`: a signed-in browser, by the SHA-256 of its cookie's token (the token
    ///   itself is never stored), with its CSRF token and an end.
    /// - `sign_ins`: every sign-in, failure, lockout and sign-out, append-only: the limits per
    ///   account and per address are counted from it, so a restart forgets nothing.
    /// - `alarm_acks`: an officer's acknowledgement of an alarm (who, when, a note), once per
    ///   alarm, append-only.
    /// - The server's role reads every projected table and the acceptances (it read only the
    ///   journal before): the officers' pages are made from them.
    static let officerSignIn: [String] = [
        "ALTER TABLE central_users ADD COLUMN password_hash text CHECK (password_hash IS NULL OR password_hash LIKE 'pbkdf2-sha256$%');",
        """
        CREATE TABLE web_sessions (
            token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
            user_name text NOT NULL REFERENCES central_users(name),
            csrf text NOT NULL CHECK (length(csrf) BETWEEN 32 AND 64),
            address text NOT NULL CHECK (length(address) <= 80),
            created_at timestamptz NOT NULL DEFAULT now(),
            expires_at timestamptz NOT NULL
        );
        """,
        """
        CREATE TABLE sign_ins (
            id bigserial PRIMARY KEY,
            at timestamptz NOT NULL DEFAULT now(),
            user_name text NOT NULL CHECK (length(user_name) <= 64),
            address text NOT NULL CHECK (length(address) <= 80),
            outcome text NOT NULL CHECK (outcome IN ('signed_in', 'wrong_password', 'unknown_user', 'locked', 'address_limited', 'signed_out'))
        );
        """,
        "CREATE INDEX sign_ins_user ON sign_ins (user_name, at);",
        "CREATE INDEX sign_ins_address ON sign_ins (address, at);",
        // The record's time is PostgreSQL's, not the server's: the server cannot date a
        // failure ahead (locking a name) or behind.
        """
        CREATE FUNCTION kasir_stamp_now() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN NEW.at := now(); RETURN NEW; END;
        $$;
        """,
        """
        CREATE TRIGGER sign_ins_stamped BEFORE INSERT ON sign_ins FOR EACH ROW EXECUTE FUNCTION kasir_stamp_now();
        """,
        """
        CREATE TRIGGER sign_ins_append_only BEFORE UPDATE OR DELETE ON sign_ins
            FOR EACH ROW EXECUTE FUNCTION kasir_append_only();
        """,
        """
        CREATE TRIGGER sign_ins_no_truncate BEFORE TRUNCATE ON sign_ins
            FOR EACH STATEMENT EXECUTE FUNCTION kasir_append_only();
        """,
        """
        CREATE TABLE alarm_acks (
            alarm_id bigint PRIMARY KEY REFERENCES alarms(id),
            user_name text NOT NULL REFERENCES central_users(name),
            at timestamptz NOT NULL DEFAULT now(),
            note text NOT NULL CHECK (length(note) BETWEEN 1 AND 500)
        );
        """,
        """
        CREATE TRIGGER alarm_acks_append_only BEFORE UPDATE OR DELETE ON alarm_acks
            FOR EACH ROW EXECUTE FUNCTION kasir_append_only();
        """,
        """
        CREATE TRIGGER alarm_acks_no_truncate BEFORE TRUNCATE ON alarm_acks
            FOR EACH STATEMENT EXECUTE FUNCTION kasir_append_only();
        """,
        """
        CREATE TRIGGER alarm_acks_stamped BEFORE INSERT ON alarm_acks FOR EACH ROW EXECUTE FUNCTION kasir_stamp_now();
        """,
        "GRANT SELECT, INSERT ON alarm_acks TO kasir_ingest;",
        "GRANT SELECT ON alarm_acks TO kasir_directorate, kasir_kanwil, kasir_cafe;",
        // Readers see the acknowledgements of the alarms they see (the alarms' own policies).
        "ALTER TABLE alarm_acks ENABLE ROW LEVEL SECURITY;",
        "CREATE POLICY ingest_alarm_acks ON alarm_acks TO kasir_ingest USING (true) WITH CHECK (true);",
        "CREATE POLICY readers_alarm_acks ON alarm_acks FOR SELECT TO kasir_directorate, kasir_kanwil, kasir_cafe USING (alarm_id IN (SELECT id FROM alarms));",
        "GRANT SELECT (name, role, kanwil, cafe, password_hash) ON central_users TO kasir_ingest;",
        "GRANT SELECT, INSERT, DELETE ON web_sessions TO kasir_ingest;",
        "GRANT SELECT, INSERT ON sign_ins TO kasir_ingest;",
        "GRANT USAGE ON SEQUENCE sign_ins_id_seq TO kasir_ingest;",
        "GRANT SELECT ON sign_ins TO kasir_directorate;",
    ] + pagesRead.flatMap { table in [
        // The pages read the projections and the acceptances through the server's role, each
        // officer's scope a filter of its queries: the role reads them, as it reads the journal.
        "GRANT SELECT ON \(table) TO kasir_ingest;",
        "CREATE POLICY ingest_reads_\(table) ON \(table) FOR SELECT TO kasir_ingest USING (true);",
    ] }

    /// What the officers' pages read besides the journal: the projected tables (version 4) and
    /// the acceptances (version 5), named here once for all.
    static let pagesRead = projectedTables.map(\.name) + ["acceptances"]
}
