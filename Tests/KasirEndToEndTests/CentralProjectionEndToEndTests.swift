import Crypto
import Foundation
import KasirLedger
import Testing

/// Issue 20: the centre's relational tables are projections of the verified journal, rebuilt
/// from it on demand, and its reports follow the café's own rules: a demo café's figures at the
/// centre are the café's own, to the Rupiah and the hundredth of an hour.
@Suite(.enabled(if: CentralPostgres.runnable, "no PostgreSQL for the tests (scripts/test starts a private one)"))
struct CentralProjectionEndToEndTests {
    static let demoPIN = "580317\n"

    func central(_ arguments: [String], _ postgres: CentralPostgres, as role: String? = nil, in folder: URL) throws -> KasirProcess.Result {
        try KasirProcess.execute(CentralEndToEndTests.central, arguments, input: "", environment: [
            "KASIR_CENTRAL_DB": postgres.url(as: role), "KASIR_CONFIG": folder.appendingPathComponent("config").path,
        ], in: folder)
    }

    /// A JSON document's value at the top.
    func json(_ result: KasirProcess.Result) throws -> [String: Any] {
        try #require(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
    }

    /// The staff of a training report as JSON text, without the coaching notes (whose words
    /// never leave the café): what the café and the centre must agree on, key for key.
    func staff(_ entries: Any?) throws -> String {
        var list = try #require(entries as? [[String: Any]])
        for index in list.indices { list[index]["notes"] = nil }
        return String(decoding: try JSONSerialization.data(withJSONObject: list, options: [.sortedKeys]), as: UTF8.self)
    }

    /// The join journals every row as it stands: a row changed behind Kasir's back would be
    /// vouched for from then on, so a journal that does not check does not join.
    @Test func aCafeWhoseJournalDoesNotCheckDoesNotJoin() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        _ = try kasir.sqlite("UPDATE staff SET alias = 'Sulap' WHERE code = 'W01';")
        let joined = try kasir.supervised(["central", "join", "--url", "http://127.0.0.1:9/", "--cafe", "BPN01", "--centre-key",
                                           Data(repeating: 7, count: 32).base64EncodedString()])
        #expect(joined.status == 1 && joined.stdout.isEmpty, "\(joined.stdout)")
        #expect(joined.stderr.hasPrefix("Jurnal tidak utuh (") && joined.stderr.hasSuffix("Selesaikan dulu temuan itu.\n"), "\(joined.stderr)")
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM central_link; SELECT COUNT(*) FROM journal WHERE kind LIKE 'central_%';") == "0\n0\n")
        #expect(!FileManager.default.fileExists(atPath: kasir.folder.appendingPathComponent("central.key").path))
    }

    @Test func aDemoCafesFiguresAtTheCentreAreItsOwnAndTheTablesRebuildFromTheJournal() throws {
        let postgres = try CentralPostgres()
        let kasir = try KasirProcess()
        let path = kasir.folder.appendingPathComponent("demo.sqlite").path
        let demo = ["KASIR_DB": path]
        let created = try kasir.run(["demo", "--db", path, "--days", "62"])
        try #require(created.status == 0, "\(created.stderr)")
        try #require(try central(["migrate"], postgres, in: kasir.folder).status == 0)

        // Joined after two months of history: the join journals every row as it is, so the
        // centre's tables hold the months before it too.
        let joined = try json(kasir.run(["central", "join", "--url", "http://127.0.0.1:9/", "--cafe", "BPN01", "--centre-key",
                                          Data(repeating: 7, count: 32).base64EncodedString(), "--format", "json", "--by", "S1"],
                                         input: Self.demoPIN, environment: demo))
        let added = try central(["cafe", "add", "BPN01", "--name", "Kafe Demo", "--upt", "Rutan Kelas IIA Balikpapan", "--kanwil", "Kalimantan Timur",
                                 "--public-key", try #require(joined["public_key"] as? String)], postgres, in: kasir.folder)
        try #require(added.status == 0, "\(added.stderr)")
        let baseline = try kasir.sqlite("SELECT COUNT(*) FROM journal WHERE kind = 'central_baseline';", database: path)
        let orders = try kasir.sqlite("SELECT COUNT(*) FROM orders;", database: path)
        #expect(Int(baseline.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 > Int(orders.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0)

        let server = try postgres.loginRole(in: "kasir_ingest")
        let stick = kasir.folder.appendingPathComponent("stick.json").path
        try #require(try kasir.run(["sync", "export", stick, "--by", "S1"], input: Self.demoPIN, environment: demo).status == 0)
        let imported = try central(["import", stick], postgres, as: server, in: kasir.folder)
        try #require(imported.status == 0, "\(imported.stderr)")
        #expect(try postgres.query("SELECT COUNT(*) FROM orders WHERE cafe = 'BPN01'") == orders)
        // No name reached the centre, not even as a digest: staff by code and alias.
        #expect(try postgres.query("SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'staff'")
            == "cafe,id,code,alias,role,status,created_at\n")

        // A shift entered from the paper sheet after the stick: it follows as the next batch.
        for (direction, time) in [("in", "08:00"), ("out", "09:30")] {
            let entered = try kasir.run(["attendance", direction, "W01"] + (direction == "in" ? ["--station", "bar"] : [])
                                            + ["--at", "2026-11-29 \(time)", "--reason", "lembar absen", "--by", "S1"],
                                        input: Self.demoPIN, environment: demo)
            #expect(entered.status == 0, "\(entered.stderr)")
        }
        // A till opened, two sales, the till closed and not yet deposited: PNBP owed, at both ends.
        func run(_ steps: [([String], String)]) throws {
            for (arguments, input) in steps {
                let done = try kasir.run(arguments, input: input, environment: demo)
                #expect(done.status == 0, "\(arguments): \(done.stderr)")
            }
        }
        /// Everything journaled since the centre's head, carried on a stick and imported.
        func carry(_ name: String) throws -> String {
            let head = try #require(Int(try postgres.query("SELECT head_seq FROM cafes").trimmingCharacters(in: .whitespacesAndNewlines)))
            let file = kasir.folder.appendingPathComponent(name).path
            try #require(try kasir.run(["sync", "export", file, "--after", "\(head)", "--by", "S1"], input: Self.demoPIN, environment: demo).status == 0)
            let imported = try central(["import", file], postgres, as: server, in: kasir.folder)
            try #require(imported.status == 0, "\(imported.stderr)")
            return file
        }
        try run([
            (["till", "open", "--float", "200000", "--by", "S1"], Self.demoPIN), (["attendance", "in", "W02", "--station", "kasir", "--by", "S1"], Self.demoPIN),
            (["order", "new", "--server", "W02", "--item", "V60", "--pay", "cash:25000"], ""),
            (["order", "new", "--server", "W02", "--item", "V60", "--pay", "cash:25000"], ""),
        ])
        let second = try carry("stick-2.json")
        // The second sale is voided once the centre holds it: the café sends the order again, and
        // the centre replaces what it holds of it (status, line, payment, the month's counts).
        let voided = try kasir.sqlite("SELECT number || ' ' || id FROM orders ORDER BY id DESC LIMIT 1;", database: path)
            .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ").map(String.init)
        try #require(voided.count == 2)
        func held(_ table: String, _ column: String) throws -> String {
            try postgres.query("SELECT COUNT(*) FROM \(table) WHERE cafe = 'BPN01' AND \(column) = \(voided[1])")
        }
        #expect(try postgres.query("SELECT status FROM orders WHERE cafe = 'BPN01' AND id = \(voided[1])") == "paid\n")
        try run([
            (["order", "void", voided[0], "--reason", "salah pesan", "--by", "S1"], Self.demoPIN),
            (["till", "close", "--count", "100000x2,20000x1,5000x1", "--by", "S1"], Self.demoPIN),
        ])
        _ = try carry("stick-3.json")
        #expect(try postgres.query("SELECT status FROM orders WHERE cafe = 'BPN01' AND id = \(voided[1])") == "void\n")
        #expect(try [held("orders", "id"), held("order_lines", "order_id"), held("payments", "order_id"), held("order_days", "id")]
            == ["1\n", "1\n", "1\n", "1\n"])

        // The same figures, month by month, read by the directorate's role.
        let reader = try postgres.loginRole(in: "kasir_directorate")
        func compare(_ month: String) throws -> String {
            let own = try json(kasir.run(["report", "training", "--month", month, "--format", "json"], environment: demo))
            let centre = try json(central(["report", "training", "--month", month, "--format", "json"], postgres, as: reader, in: kasir.folder))
            let cafes = try #require(centre["cafes"] as? [[String: Any]])
            #expect(cafes.count == 1 && cafes.first?["cafe"] as? String == "BPN01")
            let mine = try staff(own["staff"])
            #expect(try staff(cafes.first?["staff"]) == mine, "\(month)")
            #expect((own["staff"] as? [Any])?.isEmpty == false)
            return mine
        }
        let novemberStaff = try compare("2026-11")
        #expect(novemberStaff.contains("\"hours\":91.5"), "the paper-sheet shift counts at the centre too")
        _ = try compare("2026-10")
        _ = try compare("2026-09")

        // Sales and PNBP: the café's own figures, to the Rupiah.
        for month in ["2026-10", "2026-11"] {
            let own = try json(kasir.run(["report", "sales", "--month", month, "--group", "payment", "--format", "json"], environment: demo))
            let centre = try json(central(["report", "sales", "--month", month, "--format", "json"], postgres, as: reader, in: kasir.folder))
            let report = try #require((centre["cafes"] as? [[String: Any]])?.first?["report"] as? [String: Any])
            #expect(NSDictionary(dictionary: report).isEqual(to: own), "\(month): \(report) against \(own)")
            #expect(own["net_revenue"] as? Int ?? 0 > 0)
            let premi = try json(kasir.run(["report", "premi", "--month", month, "--format", "json"], environment: demo))
            let pnbp = try json(central(["report", "pnbp", "--month", month, "--format", "json"], postgres, as: reader, in: kasir.folder))
            let cafe = try #require((pnbp["cafes"] as? [[String: Any]])?.first)
            #expect(cafe["deposited"] as? Int == premi["pnbp_deposited"] as? Int && cafe["deposited"] as? Int ?? 0 > 0, "\(month)")
            #expect(cafe["not_deposited"] as? Int == premi["pnbp_not_deposited"] as? Int, "\(month)")
        }
        let owed = try json(central(["report", "pnbp", "--month", "2026-11", "--format", "json"], postgres, as: reader, in: kasir.folder))
        let november = try #require((owed["cafes"] as? [[String: Any]])?.first)
        #expect(november["tills_not_deposited"] as? Int == 1 && november["not_deposited"] as? Int ?? 0 > 0, "\(november)")
        #expect((november["deposits"] as? [[String: Any]])?.first?["ntpn"] as? String != nil)

        // A rogue café, signing with its own key rows no café writes: an order whose status is
        // made up, one dated in the year 2400 (a partition a month till then), one made in 1900,
        // one held already moved to another day of the café's months (it would count on both),
        // one sent under another order's key (it would delete that order), and one under its
        // own number written another way ("0123": one order under two keys). Each is refused as evidence with an alarm; nothing of it is stored, projected, or made.
        let key = try Ed25519KeyFile(path: kasir.folder.appendingPathComponent("central.key").path).load()
        let sent = try JSONDecoder().decode(LedgerBatch.self, from: Data(contentsOf: URL(fileURLWithPath: second)))
        let headHash = try postgres.query("SELECT head_hash FROM cafes").trimmingCharacters(in: .whitespacesAndNewlines)
        let headSeq = try #require(Int64(try postgres.query("SELECT head_seq FROM cafes").trimmingCharacters(in: .whitespacesAndNewlines)))
        let order = try #require(try JSONDecoder().decode(LedgerBatch.self, from: Data(contentsOf: URL(fileURLWithPath: stick)))
            .entries.last { $0.fields.rowTable == "orders" && $0.fields.privateDigest == nil })
        let partitions = try postgres.query("SELECT COUNT(*) FROM pg_inherits")
        let heldOrders = try postgres.query("SELECT COUNT(*) FROM orders")
        let otherOrder = try #require(Int(order.fields.rowKey ?? "")).advanced(by: -1)
        #expect(try postgres.query("SELECT COUNT(*) FROM orders WHERE cafe = 'BPN01' AND id = \(otherOrder)") == "1\n")
        /// The order's entry with `from` made `to` in its snapshot (and its key `rowKey`), signed
        /// by the café after the head held, and carried to the centre.
        func sendAltered(_ from: String, _ to: String, rowKey: String? = nil) throws -> KasirProcess.Result {
            var fields = order.fields
            fields.snapshot = try #require(fields.snapshot?.replacingOccurrences(of: from, with: to, options: .regularExpression))
            fields.rowKey = rowKey ?? fields.rowKey
            #expect(fields != order.fields, "\(from)")
            let hash = JournalHash.hex(encoding: .v3, previous: headHash, seq: headSeq + 1, fields: fields)
            let batch = try LedgerBatch.signed(cafe: "BPN01", entries: [LedgerEntry(seq: headSeq + 1, encoding: 3, prevHash: headHash, hash: hash, fields: fields)],
                                               at: sent.checkpoint.at, key: key)
            let file = kasir.folder.appendingPathComponent("altered.json")
            try JSONEncoder().encode(batch).write(to: file)
            return try central(["import", file.path], postgres, as: server, in: kasir.folder)
        }
        for (from, to, rowKey) in [(#""status":"[a-z]+""#, #""status":"lunas""#, nil), (#""day":"2026-"#, #""day":"2400-"#, nil),
                                (#""created_at":"[^"]+""#, #""created_at":"1900-01-01T00:00:00.000Z""#, nil),
                                (#""day":"2026-[0-9]{2}-[0-9]{2}""#, #""day":"2026-09-30""#, nil), ("^$", "", "\(otherOrder)"),
                                (#""id":([0-9]+)"#, #""id":"0$1""#, "0\(order.fields.rowKey ?? "")")] {
            let refused = try sendAltered(from, to, rowKey: rowKey)
            #expect(refused.status == 1 && refused.stderr.contains("\(headSeq + 1)…\(headSeq + 1) are not rows as a café writes them"), "\(refused.stderr)")
            #expect(try postgres.query("SELECT head_seq FROM cafes") == "\(headSeq)\n")
        }
        #expect(try postgres.query("SELECT kind, COUNT(*) FROM alarms GROUP BY kind") == "signature|6\n")
        #expect(try postgres.query("SELECT COUNT(*) FROM batches WHERE outcome = 'refused' AND evidence IS NOT NULL") == "6\n")
        #expect(try postgres.query("SELECT COUNT(*) FROM orders WHERE cafe = 'BPN01' AND id = \(order.fields.rowKey ?? "")") == "1\n")
        #expect(try postgres.query("SELECT COUNT(*) FROM orders WHERE cafe = 'BPN01' AND id = \(otherOrder)") == "1\n")
        #expect(try postgres.query("SELECT COUNT(*) FROM orders") == heldOrders)
        #expect(try postgres.query("SELECT COUNT(*) FROM orders") == postgres.query("SELECT COUNT(*) FROM order_days"))
        #expect(try postgres.query("SELECT COUNT(*) FROM pg_inherits") == partitions)
        #expect(try postgres.query("SELECT COUNT(*) FROM orders WHERE status NOT IN ('paid', 'void', 'refunded')") == "0\n")
        // A number JSON allows but no café writes (a total of 25000e0) reads as the centre read it
        // before version 11, through jsonb: the entry is stored and the order replaced, its total
        // the same number (and the rebuild below reads it again).
        let heldOrder = "SELECT total, (SELECT COUNT(*) FROM order_lines l WHERE l.cafe = o.cafe AND l.order_id = o.id) FROM orders o "
            + "WHERE cafe = 'BPN01' AND id = \(order.fields.rowKey ?? "")"
        let before = try postgres.query(heldOrder)
        let taken = try sendAltered(#""total":([0-9]+)"#, #""total":$1e0"#)
        #expect(taken.status == 0, "\(taken.stderr)")
        #expect(try postgres.query("SELECT head_seq FROM cafes") == "\(headSeq + 1)\n")
        #expect(try postgres.query(heldOrder) == before && before.split(separator: "|").count == 2, "\(before)")

        // A month reads its own partition of orders.
        let plan = try postgres.query("""
            EXPLAIN SELECT COUNT(*) FROM orders WHERE cafe = 'BPN01' AND day >= '2026-11-01' AND day <= '2026-11-30'
            """)
        #expect(plan.contains("orders_2026_11") && !plan.contains("orders_2026_10"), "\(plan)")
        #expect(try postgres.query("SELECT COUNT(*) FROM pg_inherits WHERE inhparent = 'orders'::regclass") == "3\n")
        // And its shifts, the month's partition of attendance and those begun before it by their end.
        let shifts = try postgres.query("""
            EXPLAIN SELECT id FROM attendance WHERE cafe = ANY(ARRAY['BPN01']) AND clock_in >= '2026-11-01T00:00:00Z'
                AND clock_in < '2026-12-01T00:00:00Z' AND clock_out > '2026-11-01T00:00:00Z'
            """)
        #expect(shifts.contains("attendance_2026_11") && !shifts.contains("attendance_2026_10"), "\(shifts)")

        // Each WBP's hours per month are kept as the shifts came (the look back reads them, not
        // months of shifts): the paper sheet's 1.5 hours are in November's.
        #expect(try postgres.query("SELECT seconds FROM monthly_hours WHERE cafe = 'BPN01' AND month = '2026-11' AND staff_code = 'W01'") == "329400\n")
        let keptHours = try postgres.query("SELECT month, staff_code, seconds, days FROM monthly_hours ORDER BY 1, 2")
        #expect(keptHours.split(separator: "\n").count >= 9, "\(keptHours)")
        // A centre that held the café before version 10 has them worked out when it migrates.
        _ = try postgres.query("""
            DROP TABLE monthly_hours; DROP FUNCTION kasir_keep_monthly_hours(text, text[], text[], text[], bigint[], integer[]);
            DROP FUNCTION kasir_check_shift_ends(text); DELETE FROM central_migrations WHERE version = 10
            """)
        let upgraded = try central(["migrate"], postgres, in: kasir.folder)
        #expect(upgraded.status == 0 && upgraded.stdout == "Skema diperbarui: versi 10.\n", "\(upgraded.stdout)\(upgraded.stderr)")
        #expect(try postgres.query("SELECT month, staff_code, seconds, days FROM monthly_hours ORDER BY 1, 2") == keptHours)

        // Nobody but the owner writes a projection: the server's role, a reader.
        for role in [server, reader] {
            let written = try postgres.query("DELETE FROM orders WHERE cafe = 'BPN01'", as: role)
            #expect(written.status != 0 && written.stderr.contains("permission denied"), "\(role): \(written.stderr)")
            let hours = try postgres.query("UPDATE monthly_hours SET seconds = 1 WHERE cafe = 'BPN01'", as: role)
            #expect(hours.status != 0 && hours.stderr.contains("permission denied"), "\(role): \(hours.stderr)")
            // Nor projects a window that ends before the head (older rows put back).
            let window = try postgres.query("SELECT kasir_project_window('BPN01', 0, 1)", as: role)
            #expect(window.status != 0 && window.stderr.contains("permission denied"), "\(role): \(window.stderr)")
        }
        // The server keeps hours only through its function, and only of the café's own WBP.
        let stranger = try postgres.query("""
            SELECT kasir_keep_monthly_hours('BPN01', ARRAY['2026-11'], ARRAY['2026-11'], ARRAY['ZZ99'], ARRAY[3600::bigint], ARRAY[1])
            """, as: server)
        #expect(stranger.status != 0 && stranger.stderr.contains("hours of BPN01 kept for a month or a WBP not asked"), "\(stranger.stderr)")
        let notAsked = try postgres.query("""
            SELECT kasir_keep_monthly_hours('BPN01', ARRAY['2026-11'], ARRAY['2026-10'], ARRAY['W01'], ARRAY[3600::bigint], ARRAY[1])
            """, as: server)
        #expect(notAsked.status != 0, "\(notAsked.stdout)")
        #expect(try postgres.query("SELECT month, staff_code, seconds, days FROM monthly_hours ORDER BY 1, 2") == keptHours)
        // A Kanwil's reader sees only its cafés' rows.
        let other = try postgres.loginRole(in: "kasir_kanwil")
        _ = try postgres.query("INSERT INTO central_users (name, role, kanwil) VALUES ('\(other)', 'kanwil', 'Papua')")
        let elsewhere = try json(central(["report", "training", "--month", "2026-11", "--format", "json"], postgres, as: other, in: kasir.folder))
        #expect((elsewhere["cafes"] as? [Any])?.isEmpty == true)
        #expect(try postgres.query("SELECT COUNT(*) FROM orders", as: other).stdout == "0\n")

        // Emptied by hand, the tables are wrong; rebuilt from the journal, right again.
        _ = try postgres.query("""
            DELETE FROM attendance WHERE cafe = 'BPN01'; DELETE FROM order_lines WHERE cafe = 'BPN01';
            UPDATE monthly_hours SET seconds = 60 WHERE cafe = 'BPN01'
            """)
        let emptied = try json(central(["report", "training", "--month", "2026-11", "--format", "json"], postgres, as: reader, in: kasir.folder))
        #expect(try staff((emptied["cafes"] as? [[String: Any]])?.first?["staff"]) != novemberStaff)
        let rebuilt = try central(["rebuild", "--cafe", "BPN01"], postgres, in: kasir.folder)
        #expect(rebuilt.status == 0 && rebuilt.stdout.hasPrefix("Tabel kafe BPN01 dibangun ulang dari "), "\(rebuilt.stderr)")
        #expect(try compare("2026-11") == novemberStaff)
        #expect(try postgres.query("SELECT month, staff_code, seconds, days FROM monthly_hours ORDER BY 1, 2") == keptHours)
        let unknown = try central(["rebuild", "--cafe", "XXX99"], postgres, in: kasir.folder)
        #expect(unknown.status == 1 && unknown.stdout.isEmpty)
        #expect(unknown.stderr.split(separator: "\n").count == 1, "\(unknown.stderr)")

        // Text, CSV and HTML name cafés and WBP by code and alias only.
        let text = try central(["report", "training", "--month", "2026-11"], postgres, as: reader, in: kasir.folder)
        #expect(text.status == 0 && text.stdout.contains("BPN01  W01  Bima"), "\(text.stdout)")
        let csv = try central(["report", "training", "--month", "2026-11", "--format", "csv"], postgres, as: reader, in: kasir.folder)
        #expect(csv.stdout.hasPrefix("cafe,code,alias,hours,days,orders,items,"), "\(csv.stdout)")
        #expect(csv.stdout.contains("BPN01,W01,Bima,91.50,"), "\(csv.stdout)")

        // Each café reads in the JSON of several as it does alone (the reports' own JSON
        // writer, ReportJSON). A second café is the first's rows under another code.
        _ = try postgres.query("""
            INSERT INTO cafes (code, name, upt, kanwil, public_key) VALUES ('BPN02', 'Kafe Dua', 'UPT Dua', 'Kalimantan Timur', decode(repeat('ab', 32), 'hex'));
            DO $$ DECLARE t text; cols text; BEGIN
                FOR t IN SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'cafe'
                    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                        AND c.relname NOT IN ('cafes', 'journal', 'batches', 'alarms', 'central_users', 'projection_work', 'acceptances',
                            'journal_superseded', 'alarm_acks', 'sign_ins', 'web_sessions')
                LOOP
                    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO cols FROM pg_attribute
                        WHERE attrelid = t::regclass AND attnum > 0 AND NOT attisdropped AND attname <> 'cafe';
                    EXECUTE format('INSERT INTO %I (cafe, %s) SELECT %L, %s FROM %I WHERE cafe = %L', t, cols, 'BPN02', cols, t, 'BPN01');
                END LOOP;
            END $$;
            """)
        let both = try central(["report", "training", "--month", "2026-11", "--format", "json"], postgres, as: reader, in: kasir.folder)
        #expect((try json(both)["cafes"] as? [Any])?.count == 2)
        for cafe in ["BPN01", "BPN02"] {
            let alone = try central(["report", "training", "--month", "2026-11", "--format", "json", "--cafe", cafe], postgres, as: reader, in: kasir.folder)
            let block = alone.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).prefix { $0 != "  ]," }
            #expect(block.count > 10 && both.stdout.contains(block.joined(separator: "\n")), "\(cafe)")
        }
    }
}
