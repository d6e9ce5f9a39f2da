import Crypto
import Foundation
import GRDB
import KasirCore
import KasirLedger
import KasirTestSupport
import Testing
@testable import KasirStore

/// Migrations are frozen: an upgrade gives the schema a new database gets, writes the journal
/// it always wrote, and no migration reads the application's types (which change later).
@Suite struct MigrationTests {
    static let v9 = "v9: cash refunds rounded as sales are"
    static let v14 = "v14: WBP PINs and QRIS confirmation"

    /// Every row of `sqlite_master` (type, name, table, SQL with whitespace made one space).
    static func schema(_ db: Database) throws -> [String] {
        try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").map { row in
            let sql: String? = row["sql"]
            let normalized = (sql ?? "").split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
            return "\(row["type"] as String) \(row["name"] as String) \(row["tbl_name"] as String): \(normalized)"
        }
    }

    static func fresh(upTo identifier: String? = nil) throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        if let identifier {
            try AppDatabase.migrator.migrate(queue, upTo: identifier)
        } else {
            try AppDatabase.migrator.migrate(queue)
        }
        return queue
    }

    static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The database the previous main made (v5, with a history) upgraded to the latest version
    /// has the schema of a database made new: every table, index and trigger, word for word.
    @Test func anUpgradedDatabaseHasTheSchemaOfANewOne() throws {
        let (folder, path) = try UpgradeTests().copy()
        defer { withExtendedLifetime(folder) {} }
        let upgraded = try DatabaseQueue(path: path)
        let before = try upgraded.read { db in try AppDatabase.migrator.appliedMigrations(db) }
        #expect(before.count == 5)
        try AppDatabase.migrator.migrate(upgraded)
        let expected = try Self.fresh().read(Self.schema)
        #expect(expected.count > 150)
        let actual = try upgraded.read(Self.schema)
        #expect(actual.count == expected.count)
        for (made, upgradedTo) in zip(expected, actual) where made != upgradedTo {
            Issue.record("new: \(made)\nupgraded: \(upgradedTo)")
        }
    }

    /// A database left at any earlier version, then upgraded, has the schema of a new one.
    @Test(arguments: Array(AppDatabase.migrator.migrations.dropLast()))
    func aDatabaseLeftAtAnEarlierVersionUpgradesToTheSameSchema(_ identifier: String) throws {
        let queue = try Self.fresh(upTo: identifier)
        let applied = try queue.read { db in try AppDatabase.migrator.appliedMigrations(db) }
        #expect(applied.last == identifier)
        try AppDatabase.migrator.migrate(queue)
        let expected = try Self.fresh().read(Self.schema)
        let upgraded = try queue.read(Self.schema)
        #expect(upgraded == expected)
    }

    /// The schema of v14, byte for byte, as every release has made it since v14 shipped.
    @Test func theSchemaOfV14IsAsItWasShipped() throws {
        let rows = try Self.fresh(upTo: Self.v14).read { db -> [String] in
            try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").map { row in
                let sql: String? = row["sql"]
                return "\(row["type"] as String)\t\(row["name"] as String)\t\(row["tbl_name"] as String)\t\(sql ?? "")"
            }
        }
        #expect(rows.count == 157)
        #expect(Self.sha256Hex(rows.joined(separator: "\n")) == "db991d731198e719d09ee80113ef8843eaba15df9886468529d827ae96577966")
    }

    /// Up to v9 an upgrade is deterministic: the v6 baseline of the old fixture is the same 349
    /// entries, to the last hash, as the release that shipped v6 wrote.
    @Test func theBaselineOfTheOldFixtureIsAsItWasShipped() throws {
        let (folder, path) = try UpgradeTests().copy()
        defer { withExtendedLifetime(folder) {} }
        let queue = try DatabaseQueue(path: path)
        try AppDatabase.migrator.migrate(queue, upTo: Self.v9)
        let (count, head, kinds) = try queue.read { db -> (Int?, String?, [String]) in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM journal"),
             try String.fetchOne(db, sql: "SELECT hash FROM journal ORDER BY seq DESC LIMIT 1"),
             try Row.fetchAll(db, sql: "SELECT kind, COUNT(*) FROM journal WHERE seq > 345 GROUP BY kind ORDER BY kind").map {
                 "\($0[0] as String) \($0[1] as Int)"
             })
        }
        #expect(kinds == ["baseline 348", "schema_upgrade 1"])
        #expect(count == 694)
        #expect(head == "9f8daf4e702aabb7b07e22e7ae46fab3a52cd8115a217386564b13e46dc878f5")
    }

    /// v10 to v14 write the old fixture's rows anew as they always did. The salts are random,
    /// so the personal digests are checked against the salts rather than pinned, and the hashes
    /// against encoding 2.
    @Test func theLaterUpgradeEntriesOfTheOldFixtureAreAsTheyWereShipped() throws {
        let (folder, path) = try UpgradeTests().copy()
        defer { withExtendedLifetime(folder) {} }
        let queue = try DatabaseQueue(path: path)
        try AppDatabase.migrator.migrate(queue, upTo: Self.v14)
        let (entries, salts, people, previous) = try queue.read { db -> ([Row], [Int64: String], [Int64: [String: String?]], String?) in
            (try Row.fetchAll(db, sql: "SELECT * FROM journal WHERE seq > 694 ORDER BY seq"),
             try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT id, pii_salt FROM staff").map { ($0[0] as Int64, $0[1] as String) }),
             try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT id, name, registration, nip FROM staff").map {
                 ($0[0] as Int64, ["name": $0[1] as String?, "registration": $0[2] as String?, "nip": $0[3] as String?])
             }),
             try String.fetchOne(db, sql: "SELECT hash FROM journal WHERE seq = 694"))
        }
        var masked: [String] = []
        var previousHash = try #require(previous)
        for entry in entries {
            var snapshot: String = entry["snapshot"]
            let table: String = entry["row_table"], key: String = entry["row_key"]
            if table == "staff", let id = Int64(key), let salt = salts[id], let person = people[id] {
                for field in ["name", "registration", "nip"] {
                    let digest = person[field]!.map { Self.sha256Hex(salt + "\u{0}" + $0) }
                    let written = "\"\(field)_digest\":" + (digest.map { "\"\($0)\"" } ?? "null")
                    #expect(snapshot.contains(written), "\(field) of staff \(id)")
                    snapshot = snapshot.replacingOccurrences(of: written, with: "\"\(field)_digest\":" + (digest == nil ? "null" : "\"salted\""))
                }
            }
            let seq: Int64 = entry["seq"]
            let hash = JournalHash.hex(encoding: JournalEncoding(rawValue: 2)!, previous: previousHash, seq: seq, fields: JournalFields(
                at: entry["at"], kind: entry["kind"], actor: entry["actor"], subject: entry["subject"], payload: entry["payload"],
                rowTable: table, rowKey: key, snapshot: entry["snapshot"]))
            let storedHash: String = entry["hash"], storedPrevious: String = entry["prev_hash"], at: String = entry["at"]
            let actor: String? = entry["actor"]
            #expect(storedHash == hash, "seq \(seq)")
            #expect(storedPrevious == previousHash, "seq \(seq)")
            #expect(actor == nil)
            #expect(at == "2026-11-02T01:30:00.000Z")
            previousHash = hash
            masked.append("\(seq) \(entry["kind"] as String) \(entry["subject"] as String) \(entry["payload"] as String) \(table) \(key) e\(entry["encoding"] as Int) \(snapshot)")
        }
        let expected = [
            #"695 row_rewritten S1 {} staff 1 e2 {"alias":"S1","code":"S1","created_at":"2026-10-30T22:00:00.000Z","decree_from":null,"decree_number":null,"decree_revoked":0,"decree_until":null,"id":1,"name_digest":"salted","nip_digest":"salted","pin_digest":"5bdbb1987b3c2f990e7dbcbb61af3c8065ecfd1fd4a2c02e17d3c5afd7845f2f","registration_digest":null,"role":"supervisor","status":"active"}"#,
            #"696 row_rewritten W01 {} staff 2 e2 {"alias":"Bima","code":"W01","created_at":"2026-10-30T22:00:00.000Z","decree_from":"2026-10-31","decree_number":"W15.PAS.W01","decree_revoked":0,"decree_until":"2027-12-31","id":2,"name_digest":"salted","nip_digest":null,"pin_digest":null,"registration_digest":"salted","role":"barista","status":"active"}"#,
            #"697 row_rewritten W02 {} staff 3 e2 {"alias":"Arka","code":"W02","created_at":"2026-10-30T22:00:00.000Z","decree_from":"2026-10-31","decree_number":"W15.PAS.W02","decree_revoked":0,"decree_until":"2027-12-31","id":3,"name_digest":"salted","nip_digest":null,"pin_digest":null,"registration_digest":"salted","role":"barista","status":"active"}"#,
            #"698 row_rewritten W03 {} staff 4 e2 {"alias":"Cakra","code":"W03","created_at":"2026-10-30T22:00:00.000Z","decree_from":"2026-10-31","decree_number":"W15.PAS.W03","decree_revoked":0,"decree_until":"2027-12-31","id":4,"name_digest":"salted","nip_digest":null,"pin_digest":null,"registration_digest":"salted","role":"barista","status":"active"}"#,
            #"699 row_rewritten W04 {} staff 5 e2 {"alias":"Dewa","code":"W04","created_at":"2026-10-30T22:00:00.000Z","decree_from":"2026-10-31","decree_number":"W15.PAS.W04","decree_revoked":0,"decree_until":"2027-12-31","id":5,"name_digest":"salted","nip_digest":null,"pin_digest":null,"registration_digest":"salted","role":"barista","status":"active"}"#,
            #"700 row_rewritten W05 {} staff 6 e2 {"alias":"Elang","code":"W05","created_at":"2026-10-30T22:00:00.000Z","decree_from":"2026-10-31","decree_number":"W15.PAS.W05","decree_revoked":0,"decree_until":"2027-12-31","id":6,"name_digest":"salted","nip_digest":null,"pin_digest":null,"registration_digest":"salted","role":"barista","status":"active"}"#,
            #"701 row_rewritten 2026-10 {} premi_months 1 e2 {"at":"2026-11-01T01:00:00.000Z","capital_share":1032835,"closed_by":1,"cost":1714500,"id":1,"month":"2026-10","pnbp_share":442644,"premi_pool":1475480,"profit":2950959,"revenue":4665459,"rules":null}"#,
            #"702 security_policy_set upgrade {} security_policy 1 e2 {"at":"2026-11-02T01:30:00.000Z","id":1,"max_backdate_days":7,"max_shift_hours":12,"pin_attempts":5,"pin_lockout_minutes":15,"set_by":null,"supervisor_idle_seconds":120,"supervisor_session_cap_seconds":600}"#,
            #"703 staff_status S1 {"role":"admin","by":"upgrade"} staff 1 e2 {"alias":"S1","code":"S1","created_at":"2026-10-30T22:00:00.000Z","decree_from":null,"decree_number":null,"decree_revoked":0,"decree_until":null,"id":1,"name_digest":"salted","nip_digest":"salted","pin_digest":"5bdbb1987b3c2f990e7dbcbb61af3c8065ecfd1fd4a2c02e17d3c5afd7845f2f","registration_digest":null,"role":"admin","status":"active"}"#,
            #"704 money_rules_set upgrade {} money_rules 1 e2 {"at":"2026-11-02T01:30:00.000Z","backups_kept":30,"capital_basis_points":3500,"confirmed":0,"id":1,"pnbp_basis_points":1500,"premi_basis_points":5000,"prices_include_tax":1,"qris_payload":null,"rounding_mode":"down","rounding_unit":100,"service_basis_points":0,"set_by":null,"station_weights":null,"tax_basis_points":1000,"tax_label":"PB1","time_zone":"Asia/Makassar"}"#,
        ]
        #expect(masked.count == expected.count)
        for (written, shipped) in zip(masked, expected) { #expect(written == shipped) }
    }

    /// v15 gives the money rules the QRIS MDR ceiling: the old fixture's row (set at v13) is
    /// journaled again with the column in its snapshot, so the journal vouches for it.
    @Test func theV15UpgradeJournalsTheMoneyRulesWithTheirNewColumn() throws {
        let (folder, path) = try UpgradeTests().copy()
        defer { withExtendedLifetime(folder) {} }
        let queue = try DatabaseQueue(path: path)
        try AppDatabase.migrator.migrate(queue, upTo: Self.v14)
        let before = try queue.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM journal") }
        try AppDatabase.migrator.migrate(queue)
        let added = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, subject, row_table, snapshot FROM journal WHERE seq > ? ORDER BY seq", arguments: [before])
        }
        #expect(added.map { "\($0["kind"] as String) \($0["subject"] as String) \($0["row_table"] as String)" } == ["row_rewritten v15 money_rules"])
        #expect((added.first?["snapshot"] as String?)?.contains(#""qris_mdr_ceiling_basis_points":80"#) == true)
        let database = try AppDatabase.open(path: path, logger: quietLogger)
        #expect(try database.verifyJournal().findings.isEmpty)
        #expect(try database.moneyRules()?.rules.qrisMDRCeiling == Percentage(basisPoints: 80))
    }

    /// What a migration file must not name: the application's types and functions, which
    /// change with later releases, and the sets read from today's enums. A migration keeps its
    /// own copy of what it needs (GRDB's guidance: migrations do not depend on application types).
    static let banned = [
        "import KasirCore", "import KasirConfig", "JournaledTable", "JournalRow", "JournalKey", "SnapshotLayout", "CanonicalBytes",
        "CanonicalJSON", "RawRows", "snapshotBytes", "snapshotValue", "AppDatabase.", "append(db", "journal(db", "genesisHash",
        "saltedDigest", "saltColumn", "StoreError", ".current", "sqlList", "allCases", "globPattern", "Timestamp", "MoneyRules",
        "SecurityPolicy", "StaffRole", "StaffStatus", "OrderStatus", "PrintJobKind", "PrintJobStatus", "PrintFailure", "CountKind",
        "CashDirection", "ApprovalKind", "PaymentMethod",
    ]

    static let storeSources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/KasirStore")

    /// Whether `word` is in `text`, starting a word of its own when it starts with a letter
    /// (`rejournal(db` is not `journal(db`).
    static func names(_ text: String, _ word: String) throws -> Bool {
        let startsAWord = word.first.map { $0.isLetter || $0 == "_" } ?? false
        let pattern = (startsAWord ? "(?<![A-Za-z0-9_])" : "") + NSRegularExpression.escapedPattern(for: word)
        let expression = try NSRegularExpression(pattern: pattern)
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    @Test func noMigrationNamesAnApplicationType() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.storeSources.path)
            .filter { $0.hasPrefix("Schema") && $0.hasSuffix(".swift") }.sorted()
        #expect(files.contains("Schema.swift") && files.contains("SchemaV6.swift") && files.contains("SchemaV10.swift"), "\(files)")
        var found: [String] = []
        for file in files {
            let text = try String(contentsOf: Self.storeSources.appendingPathComponent(file), encoding: .utf8)
            for word in Self.banned {
                if try Self.names(text, word) { found.append("\(file): \(word)") }
            }
            // The migrator is written in an extension of the store: `Self.` there is the store.
            if file == "Schema.swift" && text.contains("Self.") { found.append("\(file): Self.") }
        }
        #expect(found.isEmpty, "\(found)")
    }

    /// The scan above finds what it looks for.
    @Test func theScanFindsAnApplicationTypeAsAWord() throws {
        #expect(try Self.names("try AppDatabase.append(db, kind: x)", "append(db"))
        #expect(try Self.names("for table in JournaledTable.all", "JournaledTable"))
        #expect(try Self.names("encoding: JournalEncoding.current", ".current"))
        #expect(try !Self.names("try rejournal(db, table: staff)", "journal(db"))
        #expect(try !Self.names("try appendEntry(db, kind: x)", "append(db"))
    }
}
