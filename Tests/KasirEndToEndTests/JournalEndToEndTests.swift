import Foundation
import Testing

/// What a journal entry means, and what it may hold, shown by the built binary.
@Suite struct JournalEndToEndTests {
    /// The attack the old encoding allowed: a break's row moved into its entry's payload, the
    /// row deleted, and the chain still hashing the same. Now the entry's hash no longer
    /// matches, against the head written down before.
    @Test func aRowMovedIntoThePayloadBreaksTheChain() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        #expect(try kasir.supervised(["attendance", "break", "W02"]).status == 0)
        #expect(try kasir.supervised(["attendance", "resume", "W02"]).status == 0)
        let head = try kasir.sqlite("SELECT hash FROM journal ORDER BY seq DESC LIMIT 1;").trimmingCharacters(in: .newlines)
        let seq = try kasir.sqlite("SELECT MAX(seq) FROM journal WHERE row_table = 'breaks';").trimmingCharacters(in: .newlines)
        // Deleting the break outright is refused by the schema.
        #expect(try kasir.sqliteStatus("DELETE FROM breaks;") != 0)
        _ = try kasir.sqlite("""
            DROP TRIGGER journal_append_only_update;
            UPDATE journal SET payload = payload || char(31) || row_table || char(31) || row_key || char(31) || snapshot,
                row_table = NULL, row_key = NULL, snapshot = NULL WHERE row_table = 'breaks';
            DROP TRIGGER breaks_no_delete; DELETE FROM breaks;
            """)
        let verify = try kasir.run(["audit", "verify", "--head", head])
        #expect(verify.status == 1)
        #expect(verify.stderr.contains("Jurnal baris \(Int(seq)! - 1) diubah: hash tidak cocok.\nJurnal baris \(seq) diubah: hash tidak cocok.\n"),
                "\(verify.stderr)")
    }

    /// Names, registration numbers and NIPs never enter the journal in clear, and an edited
    /// name is still found.
    @Test func personalFieldsEnterTheJournalOnlyAsSaltedDigests() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        for clear in ["Budi Santoso", "B.12/2024", "Pak Hadi", "198001012005011001", "Andi Wijaya"] {
            let found = try kasir.sqlite("SELECT COUNT(*) FROM journal WHERE instr(coalesce(snapshot, '') || payload || coalesce(subject, ''), '\(clear)') > 0;")
            #expect(found == "0\n", "\(clear)")
        }
        let snapshot = try kasir.sqlite("SELECT snapshot FROM journal WHERE row_table = 'staff' AND subject = 'W01' ORDER BY seq DESC LIMIT 1;")
        #expect(snapshot.contains("\"name_digest\":\"") && snapshot.contains("\"registration_digest\":\"") && !snapshot.contains("pii_salt"))
        #expect(try kasir.run(["audit", "verify"]).status == 0)
        _ = try kasir.sqlite("UPDATE staff SET name = 'Budi Santosa' WHERE code = 'W01';")
        let verify = try kasir.run(["audit", "verify"])
        #expect(verify.status == 1)
        #expect(verify.stderr.contains("staff baris 2 berbeda dari jurnal baris "), "\(verify.stderr)")
    }

    /// Every journaled table refuses DELETE; a correction is a new row or a status.
    @Test func journaledTablesRefuseDeletes() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        #expect(try kasir.supervised(["attendance", "break", "W02"]).status == 0)
        for table in ["attendance", "breaks", "staff", "menu_items", "modifier_groups", "tills", "journal"] {
            #expect(try kasir.sqliteStatus("DELETE FROM \(table);") != 0, "\(table)")
        }
        // Row triggers fire only on rows: every journaled table has its trigger, empty or not.
        let unguarded = try kasir.sqlite("""
            SELECT DISTINCT row_table FROM journal WHERE row_table IS NOT NULL AND row_table NOT IN (
                SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%BEFORE DELETE%')
            UNION SELECT name FROM sqlite_master WHERE type = 'table'
                AND name IN ('approvals', 'cash_movements', 'monthly_costs', 'assessments', 'coaching_notes', 'premi_months', 'premi_ledger',
                             'pnbp_deposits', 'practice_hours', 'refunds', 'refund_rounding', 'security_policy', 'money_rules', 'orders')
                AND name NOT IN (SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%BEFORE DELETE%');
            """)
        #expect(unguarded == "")
    }
}

extension JournalEndToEndTests {
    /// A trigger planted by someone with the file rewrites each shift as it is written, before
    /// its snapshot is taken: the journal vouches for the false row, so only the schema shows it.
    @Test func aPlantedTriggerIsFoundThoughTheChainHolds() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        let head = try kasir.sqlite("SELECT hash FROM journal ORDER BY seq DESC LIMIT 1;").trimmingCharacters(in: .newlines)
        #expect(try kasir.supervised(["attendance", "out", "W02"]).status == 0)
        _ = try kasir.sqlite("""
            CREATE TRIGGER zz_shift AFTER INSERT ON attendance BEGIN
                UPDATE attendance SET clock_in = strftime('%Y-%m-%dT%H:%M:%fZ', NEW.clock_in, '-3 hours') WHERE id = NEW.id; END;
            """)
        kasir.now = "2026-11-29T04:00:00Z"
        #expect(try kasir.supervised(["attendance", "in", "W02", "--station", "bar"]).status == 0)
        let verify = try kasir.run(["audit", "verify", "--head", head])
        #expect(verify.status == 1)
        #expect(verify.stderr.hasPrefix("Trigger zz_shift tidak dibuat oleh Kasir: ditanam untuk mengubah baris saat ditulis.\n"), "\(verify.stderr)")
        // A guard changed or taken away is named too.
        _ = try kasir.sqlite("DROP TRIGGER zz_shift; DROP TRIGGER breaks_no_delete;")
        #expect(try kasir.run(["audit", "verify"]).stderr == "Trigger breaks_no_delete milik Kasir hilang: penjaga dicabut.\n")
    }

    /// An order typed on the command line is journaled under the officer's account, marked as
    /// typed there: it never looks like one a WBP's PIN vouched for at the counter.
    @Test func aCommandLineOrderNamesTheOfficer() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        try kasir.sell("--server", "W01", "--item", "PGR", "--pay", "cash:10000")
        let entry = try kasir.sqlite("SELECT actor, payload FROM journal WHERE kind = 'order';")
        #expect(entry.hasPrefix("user:"), "\(entry)")
        #expect(entry.hasSuffix("|{\"server\":\"W01\",\"via\":\"cli\"}\n"), "\(entry)")
    }
}
