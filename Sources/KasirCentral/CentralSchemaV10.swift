extension CentralSchema {
    /// Version 10: each WBP's worked seconds per month, kept as shifts arrive.
    ///
    /// The training report looks six months back at every WBP's hours, and adds up the practice
    /// of every month since the last premi close. Worked out from the shifts at each report,
    /// that is seven months of shifts and breaks per café: seconds for two hundred cafés. The
    /// hours are the café's own rule (`TrainingHours`: a shift less its breaks, split at the
    /// café's midnights), so they are not computed in SQL a second time: the server computes
    /// them with that rule for the months a stored batch touched, in the batch's transaction,
    /// and again for every month on `rebuild` and `accept`.
    ///
    /// Only `kasir_keep_monthly_hours` writes the table, for one café at a time, months and WBP
    /// checked to be the café's; readers see it through the same row-level security as the
    /// other projections. `kasir-central migrate` works out the hours of the cafés held already
    /// in the same transaction as this version.
    static let monthlyHours: [String] = [
        """
        CREATE TABLE monthly_hours (
            cafe text NOT NULL REFERENCES cafes(code), month kasir_month NOT NULL, staff_code kasir_code NOT NULL,
            seconds bigint NOT NULL CHECK (seconds > 0), days integer NOT NULL CHECK (days BETWEEN 1 AND 31),
            PRIMARY KEY (cafe, month, staff_code)
        );
        """,
        """
        CREATE FUNCTION kasir_keep_monthly_hours(p_cafe text, p_months text[], p_row_months text[], p_codes text[], p_seconds bigint[],
            p_days integer[]) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
            BEGIN
                -- The café's row is locked by the batch (or the rebuild) this keeps the hours of.
                PERFORM 1 FROM cafes WHERE code = p_cafe FOR UPDATE;
                IF NOT FOUND THEN RAISE EXCEPTION 'no café %', p_cafe; END IF;
                IF EXISTS (SELECT 1 FROM unnest(p_row_months, p_codes) AS r(month, code)
                    WHERE p_months IS NOT NULL AND NOT r.month = ANY(p_months)
                        OR NOT EXISTS (SELECT 1 FROM staff s WHERE s.cafe = p_cafe AND s.code = r.code)) THEN
                    RAISE EXCEPTION 'hours of % kept for a month or a WBP not asked', p_cafe USING ERRCODE = 'check_violation';
                END IF;
                IF p_months IS NULL THEN
                    DELETE FROM monthly_hours WHERE cafe = p_cafe;
                ELSE
                    DELETE FROM monthly_hours WHERE cafe = p_cafe AND month = ANY(p_months);
                END IF;
                INSERT INTO monthly_hours SELECT p_cafe, r.month, r.code, r.seconds, r.days
                    FROM unnest(p_row_months, p_codes, p_seconds, p_days) AS r(month, code, seconds, days);
            END;
        $$;
        """,
        // A shift ends before the day after tomorrow, as its clock-in does (version 7): the
        // hours of one ending in the year 2999 would be worked out day by day for centuries.
        """
        CREATE FUNCTION kasir_check_shift_ends(p_cafe text) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM attendance WHERE cafe = p_cafe AND clock_out > now() + interval '2 days')
                    OR EXISTS (SELECT 1 FROM breaks WHERE cafe = p_cafe AND ended_at > now() + interval '2 days') THEN
                    RAISE EXCEPTION 'a shift or break of % ends after the day after tomorrow', p_cafe USING ERRCODE = '22008';
                END IF;
            END;
        $$;
        """,
        "REVOKE ALL ON FUNCTION kasir_check_shift_ends(text) FROM PUBLIC;",
        "GRANT EXECUTE ON FUNCTION kasir_check_shift_ends(text) TO kasir_ingest;",
        "REVOKE ALL ON FUNCTION kasir_keep_monthly_hours(text, text[], text[], text[], bigint[], integer[]) FROM PUBLIC;",
        "GRANT EXECUTE ON FUNCTION kasir_keep_monthly_hours(text, text[], text[], text[], bigint[], integer[]) TO kasir_ingest;",
        "GRANT SELECT ON monthly_hours TO kasir_ingest, kasir_directorate, kasir_kanwil, kasir_cafe;",
        "ALTER TABLE monthly_hours ENABLE ROW LEVEL SECURITY;",
        "CREATE POLICY ingest_reads_monthly_hours ON monthly_hours FOR SELECT TO kasir_ingest USING (true);",
        "CREATE POLICY directorate_monthly_hours ON monthly_hours FOR SELECT TO kasir_directorate USING (true);",
        "CREATE POLICY kanwil_monthly_hours ON monthly_hours FOR SELECT TO kasir_kanwil USING (cafe IN (SELECT code FROM cafes));",
        "CREATE POLICY cafe_monthly_hours ON monthly_hours FOR SELECT TO kasir_cafe USING (cafe = kasir_reader_cafe());",
    ]
}
