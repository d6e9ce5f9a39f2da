import Crypto
import Foundation
import KasirCore
import KasirLedger
import Logging
import PostgresNIO

/// The centre's store: one PostgreSQL connection, the schema's migrations, enrolment, and the
/// one function that takes a café's batch in (``ingest(_:receivedAt:)``). Every check the
/// centre can make is made there, in one transaction per batch under the café's row lock.
///
/// ```swift
/// let central = try await CentralDatabase.connect(url: "postgres://kasir@127.0.0.1:5432/kasir_central", logger: logger)
/// try await central.migrate()
/// let outcome = try await central.ingest(batch, receivedAt: Date())
/// ```
public final class CentralDatabase: Sendable {
    let connection: PostgresConnection
    let logger: Logger

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Connects to the database a `postgres://` (or `postgresql://`) URL names:
    /// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`, or a socket folder as
    /// `postgres://USER@/DATABASE?host=/run/postgresql&port=5432`.
    ///
    /// - Throws: ``CentralError/badDatabaseURL(_:)``, ``CentralError/unreachable(_:)``.
    public static func connect(url text: String, logger: Logger) async throws -> CentralDatabase {
        let configuration = try configuration(url: text)
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            return CentralDatabase(connection: connection, logger: logger)
        } catch {
            // The server's own words (a wrong password, no such database), not the client's
            // redacted description.
            let plain = Self.plain(error)
            if plain is CentralError { throw plain }
            throw CentralError.unreachable(String(describing: error).prefix(200).description)
        }
    }

    static func configuration(url text: String) throws(CentralError) -> PostgresConnection.Configuration {
        // Said back without its password.
        var shown = URLComponents(string: text)
        shown?.password = nil
        let said = clipped(shown?.string ?? "postgres://…", to: 80)
        guard let components = URLComponents(string: text), ["postgres", "postgresql"].contains(components.scheme ?? ""),
            let user = components.user, !user.isEmpty
        else { throw .badDatabaseURL(said) }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }) { $1 }
        let port = components.port ?? query["port"].flatMap(Int.init) ?? 5432
        if let socketFolder = query["host"], socketFolder.hasPrefix("/") {
            return PostgresConnection.Configuration(
                unixSocketPath: socketFolder + "/.s.PGSQL.\(port)", username: user, password: components.password,
                database: database.isEmpty ? nil : database)
        }
        guard let host = components.host, !host.isEmpty else { throw .badDatabaseURL(said) }
        return PostgresConnection.Configuration(
            host: host, port: port, username: user, password: components.password, database: database.isEmpty ? nil : database,
            tls: .disable)
    }

    public func close() async {
        try? await connection.close()
    }

    // MARK: Migrations

    /// Creates or upgrades the schema: each version not yet applied, in order, in a
    /// transaction of its own.
    ///
    /// - Returns: the versions applied now.
    @discardableResult
    public func migrate() async throws -> [Int] {
        _ = try await connection.query(PostgresQuery(unsafeSQL: CentralSchema.bookkeeping), logger: logger).collect()
        var applied: [Int] = []
        for migration in CentralSchema.migrations {
            let done = try await connection.query("SELECT 1 FROM central_migrations WHERE version = \(migration.version)", logger: logger)
                .collect()
            guard done.isEmpty else { continue }
            try await connection.withTransaction(logger: logger) { connection in
                for statement in migration.statements {
                    _ = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger).collect()
                }
                // The hours version 10 keeps are the café's rule's, worked out here for the cafés
                // held already: a table left empty would show their months as unworked.
                if migration.version == 10 {
                    let cafes = try await connection.query("SELECT code FROM cafes ORDER BY code", logger: logger).collect()
                    for row in cafes {
                        try await Self.keepMonthlyHours(cafe: try row.decode(String.self), months: nil, connection: connection, logger: logger)
                    }
                }
                _ = try await connection.query("INSERT INTO central_migrations (version, name) VALUES (\(migration.version), \(migration.name))", logger: logger).collect()
            }
            applied.append(migration.version)
        }
        return applied
    }

    /// A PostgreSQL failure as one line: the server's own message, never the client's
    /// description (which hides it), nor the query's values.
    public static func plain(_ error: any Error) -> any Error {
        if let transaction = error as? PostgresTransactionError {
            return plain(transaction.closureError ?? transaction.beginError ?? transaction.commitError ?? error)
        }
        if let failure = error as? PSQLError {
            return CentralError.database(failure.serverInfo?[.message] ?? "\(failure.code)")
        }
        return error
    }

    // MARK: Cafés

    /// Enrols a café: its code, names and the Ed25519 public key its enrolment form carries.
    ///
    /// - Throws: ``CentralError/badCafeCode(_:)``, ``CentralError/badPublicKey``,
    ///   ``CentralError/cafeExists(_:)``.
    public func addCafe(_ cafe: CentralCafe) async throws {
        guard cafe.code.range(of: "^[A-Z0-9]{2,16}$", options: .regularExpression) != nil else { throw CentralError.badCafeCode(clipped(cafe.code)) }
        guard (try? Curve25519.Signing.PublicKey(rawRepresentation: cafe.publicKey)) != nil else { throw CentralError.badPublicKey }
        let exists = try await connection.query("SELECT 1 FROM cafes WHERE code = \(cafe.code) OR public_key = \(cafe.publicKey)", logger: logger)
            .collect()
        guard exists.isEmpty else { throw CentralError.cafeExists(cafe.code) }
        _ = try await connection.query("""
            INSERT INTO cafes (code, name, upt, kanwil, public_key) VALUES (\(cafe.code), \(cafe.name), \(cafe.upt), \(cafe.kanwil), \(cafe.publicKey))
            """, logger: logger).collect()
    }

    // MARK: Batches

    /// Takes in a café's batch, in one transaction under the café's row lock: the batch is
    /// recorded whatever it is; its new entries are stored only when the whole batch verifies
    /// (the signature against the enrolled key, every hash recomputed by the same function the
    /// café's `audit verify` uses, the first entry following the head the centre holds).
    /// Entries the centre holds already are compared, not stored again: a batch sent twice
    /// stores each entry once. A fork (an entry held with another hash), a rollback (the
    /// café's head behind the one held, on another branch), an unknown café or a signature that
    /// fails, and a gap are refused, the batch kept as evidence and an alarm raised.
    ///
    /// - Parameter raw: the batch's bytes as they came, kept as the evidence of a refusal.
    /// - Returns: what became of the batch, and the head the centre now holds.
    /// - Parameter prechecked: the batch checked already against the key enrolled
    ///   (``precheck(_:key:)``), done off this connection's turn; checked again here when the
    ///   key enrolled is another.
    /// - Parameter holdGap: a batch that begins past the entry after the head held is not
    ///   refused but answered ``IngestOutcome/Result/behind(heldSeq:)``, nothing recorded: the
    ///   server waits for the batch sent before it and asks again.
    public func ingest(_ batch: LedgerBatch, raw: Data, receivedAt: Date, prechecked: BatchPrecheck? = nil, holdGap: Bool = false) async throws
        -> IngestOutcome
    {
        try await connection.withTransaction(logger: logger) { connection in
            let claimed = batch.checkpoint.cafe
            let rows = try await connection.query("""
                SELECT public_key, head_seq, head_hash, base_seq FROM cafes WHERE code = \(claimed) FOR UPDATE
                """, logger: logger).collect()
            func refuse(
                _ kind: AlarmKind?, _ reason: String, cafe: String?, error: LedgerBatchError? = nil, keepEvidence: Bool = true
            ) async throws -> IngestOutcome {
                // A batch that may carry words that must stay at the café is not kept, only its digest.
                let id = try await Self.recordBatch(connection, batch, cafe: cafe, outcome: "refused", stored: 0,
                                                    reason: keepEvidence ? reason : reason + " (not kept: sha256 \(JournalHash.hex(SHA256.hash(data: raw))))",
                                                    evidence: keepEvidence ? raw : nil, receivedAt: receivedAt, logger: logger)
                if let kind {
                    _ = try await connection.query("""
                        INSERT INTO alarms (cafe, kind, at, batch_id, detail) VALUES (\(cafe), \(kind.rawValue), \(receivedAt), \(id), \(reason))
                        """, logger: logger).collect()
                }
                return IngestOutcome(batchID: id, result: .refused(kind: kind, reason: reason, error: error), headSeq: nil, headHash: nil,
                                     evidenceKept: keepEvidence)
            }
            guard let row = rows.first else {
                return try await refuse(.signature, "unknown café \(clipped(claimed))", cafe: nil)
            }
            let (keyBytes, headSeq, headHash, baseSeq) = try row.decode((Data, Int64, String, Int64).self)
            let check = try prechecked.flatMap { $0.key == keyBytes ? $0 : nil } ?? Self.precheck(batch, key: keyBytes)
            if case .failure(let error) = check.signature {
                // Signed by the café's key or not, a batch whose contents are not what its
                // checkpoint says was altered after signing, or signed by someone else.
                if case .badSignature = error { return try await refuse(.signature, "the signature is not the enrolled key's", cafe: claimed, error: error) }
                return try await refuse(.signature, "the entries are not what was signed: \(error)", cafe: claimed, error: error)
            }
            // Nothing the centre keeps may hold free text: every entry in the encoding that
            // withholds it, and every withheld column `true` (with the digest of the whole) or null.
            if let seq = check.holdingText {
                return try await refuse(.signature, "entry \(seq) may carry free text in clear", cafe: claimed, keepEvidence: false)
            }
            // What the reports read of an entry is as a café writes it: its time, its kind.
            if let seq = check.malformed {
                return try await refuse(.signature, "entry \(seq) is not as a café writes entries (its time, its kind, or a NUL byte)", cafe: claimed)
            }
            // A café's history here begins at its join: the first entry the centre holds of it is
            // the `central_joined` entry that names it and its enrolled key.
            if headSeq == 0 && baseSeq == 0, let first = batch.entries.first, !Self.isJoin(first, cafe: claimed, key: keyBytes) {
                // A café's second batch may come before its first (both are sent at once): it waits.
                if holdGap { return IngestOutcome(batchID: 0, result: .behind(heldSeq: 0), headSeq: 0, headHash: headHash) }
                return try await refuse(.gap, "the café's history at the centre must begin at its join (entry \(first.seq) is \(clipped(first.fields.kind)))",
                                        cafe: claimed)
            }
            // An entry of a branch an officer set aside (`cafe accept`) never comes back: an old
            // batch carried in again (a stick left in a drawer) would quietly undo the acceptance.
            if let first = batch.entries.first, let last = batch.entries.last {
                let superseded = try await connection.query("""
                    SELECT seq, hash FROM journal_superseded WHERE cafe = \(claimed) AND seq BETWEEN \(first.seq) AND \(last.seq)
                    """, logger: logger).collect()
                var setAside: Set<String> = []
                for row in superseded {
                    let (seq, hash) = try row.decode((Int64, String).self)
                    setAside.insert("\(seq) \(hash)")
                }
                if let replayed = batch.entries.first(where: { setAside.contains("\($0.seq) \($0.hash)") }) {
                    return try await refuse(.rollback, "entry \(replayed.seq) is of a branch set aside by an acceptance", cafe: claimed)
                }
            }
            // What the centre holds already of this batch must be what it holds. Entries before
            // where the café's history here begins are neither held nor taken.
            let held = batch.entries.filter { $0.seq > baseSeq && $0.seq <= headSeq }
            if let first = held.first, let last = held.last {
                let stored = try await connection.query("""
                    SELECT seq, hash FROM journal WHERE cafe = \(claimed) AND seq BETWEEN \(first.seq) AND \(last.seq) ORDER BY seq
                    """, logger: logger).collect()
                var hashes: [Int64: String] = [:]
                for row in stored {
                    let (seq, hash) = try row.decode((Int64, String).self)
                    hashes[seq] = hash
                }
                if let differing = held.first(where: { hashes[$0.seq] != $0.hash }) {
                    // Behind the head held, on another branch: a café restored or rewritten.
                    let kind: AlarmKind = batch.checkpoint.seq < headSeq ? .rollback : .fork
                    // A café on another branch shows it at each sync: raised and kept once.
                    let checkpoint = batch.checkpoint
                    let earlier = try await connection.query("""
                        SELECT b.id FROM batches b JOIN alarms a ON a.batch_id = b.id
                        WHERE b.cafe = \(claimed) AND b.first_seq = \(checkpoint.firstSeq) AND b.last_seq = \(checkpoint.seq)
                            AND b.head = \(checkpoint.head) AND a.kind = \(kind.rawValue)
                        ORDER BY b.id LIMIT 1
                        """, logger: logger).collect()
                    if let first = try earlier.first?.decode(Int64.self) {
                        let reason = "entry \(differing.seq) differs from the one held (again: kept and alarmed with batch \(first))"
                        let id = try await Self.recordBatch(connection, batch, cafe: claimed, outcome: "refused", stored: 0, reason: reason,
                                                            evidence: nil, receivedAt: receivedAt, logger: logger)
                        return IngestOutcome(batchID: id, result: .refused(kind: nil, reason: reason, error: nil), headSeq: nil, headHash: nil)
                    }
                    return try await refuse(kind, "entry \(differing.seq) differs from the one held", cafe: claimed)
                }
            }
            let new = batch.entries.filter { $0.seq > headSeq }
            guard let firstNew = new.first else {
                let id = try await Self.recordBatch(connection, batch, cafe: claimed, outcome: "duplicate", stored: 0, reason: nil, evidence: nil,
                                                    receivedAt: receivedAt, logger: logger)
                return IngestOutcome(batchID: id, result: .duplicate, headSeq: headSeq, headHash: headHash)
            }
            // The first batch the centre holds of a café begins its history here: at the café's
            // join, whose entry's place and previous hash the batch signs (nothing before it is
            // the centre's to check). Every later batch follows the head held.
            let begins = headSeq == 0 && baseSeq == 0
            guard begins || firstNew.seq == headSeq + 1 else {
                if holdGap { return IngestOutcome(batchID: 0, result: .behind(heldSeq: headSeq), headSeq: headSeq, headHash: headHash) }
                return try await refuse(.gap, "entries \(headSeq + 1)…\(firstNew.seq - 1) missing", cafe: claimed)
            }
            guard begins || firstNew.prevHash == headHash else {
                return try await refuse(.fork, "entry \(firstNew.seq) does not follow the head held", cafe: claimed)
            }
            // Stored whole or not at all: a batch whose verified rows cannot be projected (no café
            // writes such rows) is refused as evidence, with nothing of it stored.
            _ = try await connection.query("SAVEPOINT store", logger: logger).collect()
            do {
                return try await store(batch, new: new, begins: begins, claimed: claimed, receivedAt: receivedAt,
                                       columns: check.journalColumns(of: new), connection: connection)
            } catch let error as PSQLError where Self.isRowError(error) {
                _ = try await connection.query("ROLLBACK TO SAVEPOINT store", logger: logger).collect()
                let first = new.first?.seq ?? 0, last = new.last?.seq ?? 0
                return try await refuse(.signature, "entries \(first)…\(last) are not rows as a café writes them (\(error.serverInfo?[.sqlState] ?? "?"))",
                                        cafe: claimed)
            }
        }
    }

    /// Whether PostgreSQL refused a row as data (SQLSTATE classes 22 and 23: a value no column
    /// takes, a check or key a row breaks; 54: a value past a limit, such as an index row): what a batch whose rows no café writes meets when
    /// projected. Anything else (out of memory, the server going) is the centre's trouble, not
    /// the café's: no alarm, and the sender is told to try again.
    static func isRowError(_ error: PSQLError) -> Bool {
        guard error.code == .server, let state = error.serverInfo?[.sqlState] else { return false }
        return state.hasPrefix("22") || state.hasPrefix("23") || state.hasPrefix("54")
    }

    /// Stores the batch's new entries after the head held, moves the head and projects them, in
    /// the caller's transaction.
    private func store(
        _ batch: LedgerBatch, new: [LedgerEntry], begins: Bool, claimed: String, receivedAt: Date, columns: PostgresBindings?,
        connection: PostgresConnection
    ) async throws -> IngestOutcome {
        guard let firstNew = new.first, let lastNew = new.last else { preconditionFailure("store without entries") }
        if begins {
            _ = try await connection.query("""
                UPDATE cafes SET base_seq = \(firstNew.seq - 1), base_hash = \(firstNew.prevHash) WHERE code = \(claimed)
                """, logger: logger).collect()
        }
        let id = try await Self.recordBatch(connection, batch, cafe: claimed, outcome: "stored", stored: new.count, reason: nil, evidence: nil,
                                            receivedAt: receivedAt, logger: logger)
        var binds = columns ?? Self.journalColumns(new)
        binds.append(claimed)
        binds.append(id)
        binds.append(receivedAt)
        _ = try await connection.query(PostgresQuery(unsafeSQL: Self.journalInsert, binds: binds), logger: logger).collect()
        _ = try await connection.query("""
            UPDATE cafes SET head_seq = \(lastNew.seq), head_hash = \(lastNew.hash), anchored_at = \(receivedAt) WHERE code = \(claimed)
            """, logger: logger).collect()
        // The relational tables follow the journal in the same transaction: never ahead of it,
        // never behind. So do the WBP's monthly hours, for the months the batch's shifts and
        // breaks fall in (where they were, and where they are now); for every month when it
        // changes whose shifts they are or the café's zone.
        func ids(_ table: String) -> [Int64] { new.compactMap { $0.fields.rowTable == table ? $0.fields.rowKey.flatMap { Int64($0) } : nil } }
        let shiftIDs = ids("attendance"), breakIDs = ids("breaks"), staffIDs = ids("staff")
        let before = try await Self.hoursBasis(cafe: claimed, staffIDs: staffIDs, connection: connection, logger: logger)
        var months = try await Self.monthsOfShifts(cafe: claimed, shiftIDs: shiftIDs, breakIDs: breakIDs, calendar: before.calendar,
                                                   connection: connection, logger: logger)
        _ = try await connection.query("SELECT kasir_project(\(claimed), \(firstNew.seq - 1))", logger: logger).collect()
        if !shiftIDs.isEmpty || !breakIDs.isEmpty {
            _ = try await connection.query("SELECT kasir_check_shift_ends(\(claimed))", logger: logger).collect()
        }
        let after = try await Self.hoursBasis(cafe: claimed, staffIDs: staffIDs, connection: connection, logger: logger)
        if after.calendar.timeZone.identifier != before.calendar.timeZone.identifier || after.codes != before.codes {
            // Another zone moves every midnight; a WBP's new code (or a WBP new here) names shifts held already.
            try await Self.keepMonthlyHours(cafe: claimed, months: nil, connection: connection, logger: logger)
        } else {
            months.formUnion(try await Self.monthsOfShifts(cafe: claimed, shiftIDs: shiftIDs, breakIDs: breakIDs, calendar: after.calendar,
                                                           connection: connection, logger: logger))
            if !months.isEmpty { try await Self.keepMonthlyHours(cafe: claimed, months: months, connection: connection, logger: logger) }
        }
        return IngestOutcome(batchID: id, result: .stored(entries: new.count), headSeq: lastNew.seq, headHash: lastNew.hash)
    }

    /// What a batch is found to be without the database, against the key `key` (raw bytes):
    /// whether that key signed it, and the first entry that may carry free text in clear or is
    /// not as a café writes entries. Worth doing before the batch's turn at the database: a
    /// batch of thousands of entries is hashed and read whole.
    ///
    /// ```swift
    /// let check = try CentralDatabase.precheck(batch, key: enrolledKey)
    /// let outcome = try await central.ingest(batch, raw: raw, receivedAt: Date(), prechecked: check)
    /// ```
    ///
    /// - Throws: CryptoKit's error when `key` is not an Ed25519 public key.
    public static func precheck(_ batch: LedgerBatch, key: Data) throws -> BatchPrecheck {
        let publicKey = try Curve25519.Signing.PublicKey(rawRepresentation: key)
        let signature = Result { () throws(LedgerBatchError) in try batch.verify(signedBy: publicKey) }
        // A batch the key did not sign is refused for that alone: its entries are not read.
        guard case .success = signature else { return BatchPrecheck(key: key, signature: signature, holdingText: nil, malformed: nil) }
        var check = BatchPrecheck(key: key, signature: signature, holdingText: firstHoldingText(batch), malformed: firstMalformed(batch))
        if check.holdingText == nil, check.malformed == nil, let first = batch.entries.first, let last = batch.entries.last {
            check.columns = (journalColumns(batch.entries), first, last, batch.entries.count)
        }
        return check
    }

    /// The key café `cafe` was enrolled with (raw bytes), or nil when it is not enrolled.
    public func enrolledKey(cafe: String) async throws -> Data? {
        let rows = try await connection.query("SELECT public_key FROM cafes WHERE code = \(cafe)", logger: logger).collect()
        return try rows.first?.decode(Data.self)
    }

    /// The first entry of `batch` that could carry free text in clear: one in an encoding before
    /// 3, or one whose snapshot holds text in a withheld column (``FreeText``), or whose private
    /// digest does not go with its public form.
    static func firstHoldingText(_ batch: LedgerBatch) -> Int64? {
        for entry in batch.entries {
            guard entry.encoding >= JournalEncoding.v3.rawValue else { return entry.seq }
            guard let table = entry.fields.rowTable, let snapshot = entry.fields.snapshot else {
                if entry.fields.privateDigest != nil { return entry.seq }
                continue
            }
            switch FreeText.check(snapshot, table: table) {
            case .nothingWithheld: if entry.fields.privateDigest != nil { return entry.seq }
            case .withheld: if entry.fields.privateDigest == nil { return entry.seq }
            case .inClear, .unreadable: return entry.seq
            }
        }
        return nil
    }

    /// The largest snapshot of an issued transcript taken in (the café caps its figures at 200,000 bytes).
    static let largestTranscriptSnapshot = 256 * 1024

    /// The first entry of `batch` whose time is not the journal's UTC instant, whose kind is not
    /// a word of lower-case letters and `_`, or with a NUL byte in a field (which PostgreSQL's
    /// text refuses), or an issued transcript too large for one: made up, and it would skew the
    /// reports, stop the batch being recorded, or weigh on the public page.
    static func firstMalformed(_ batch: LedgerBatch) -> Int64? {
        batch.entries.first { entry in
            Timestamp.date(entry.fields.at) == nil
                || !(1...40).contains(entry.fields.kind.utf8.count) || !entry.fields.kind.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || $0 == 95 })
                || entry.fields.values.contains { $0?.utf8.contains(0) == true }
                // An issued transcript is a few kilobytes; the public page reads it whole.
                || (entry.fields.rowTable == "transcript_issues" && (entry.fields.snapshot?.utf8.count ?? 0) > largestTranscriptSnapshot)
        }?.seq
    }

    /// Whether `entry` is café `cafe`'s join to this centre with the key it enrolled.
    static func isJoin(_ entry: LedgerEntry, cafe: String, key: Data) -> Bool {
        guard entry.fields.kind == "central_joined", entry.fields.rowTable == "central_link", entry.fields.subject == cafe,
            let snapshot = entry.fields.snapshot,
            let row = try? JSONSerialization.jsonObject(with: Data(snapshot.utf8)) as? [String: Any]
        else { return false }
        return row["cafe"] as? String == cafe && row["cafe_key"] as? String == key.base64EncodedString()
    }

    static func recordBatch(
        _ connection: PostgresConnection, _ batch: LedgerBatch, cafe: String?, outcome: String, stored: Int, reason: String?, evidence: Data?,
        receivedAt: Date, logger: Logger
    ) async throws -> Int64 {
        let checkpoint = batch.checkpoint
        let rows = try await connection.query("""
            INSERT INTO batches (cafe, claimed_cafe, first_seq, last_seq, head, sent_at, received_at, outcome, stored_entries, reason, evidence,
                previous_hash, signature)
            VALUES (\(cafe), \(checkpoint.cafe), \(checkpoint.firstSeq), \(checkpoint.seq), \(checkpoint.head), \(checkpoint.at), \(receivedAt),
                \(outcome), \(stored), \(reason), \(evidence), \(checkpoint.previousHash), \(batch.signature))
            RETURNING id
            """, logger: logger).collect()
        return try rows[0].decode(Int64.self)
    }
}

extension CentralDatabase {
    /// Stores a batch's entries: each column of the entries as one array, bound in PostgreSQL's
    /// binary form and zipped by `unnest` (no text to parse on either side), $1…$13 as
    /// ``journalColumns(_:)`` binds them; then the café ($14), the batch ($15) and the instant
    /// received ($16). The chain trigger still checks each row against the one before it.
    static let journalInsert = """
        INSERT INTO journal (cafe, seq, at, kind, actor, subject, payload, prev_hash, hash, row_table, row_key, snapshot, encoding,
            private_digest, batch_id, received_at)
        SELECT $14, e.seq, e.at, e.kind, e.actor, e.subject, e.payload, e.prev_hash, e.hash, e.row_table, e.row_key, e.snapshot,
            e.encoding, e.private_digest, $15, $16
        FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
            $10::text[], $11::text[], $12::integer[], $13::text[])
            AS e(seq, at, kind, actor, subject, payload, prev_hash, hash, row_table, row_key, snapshot, encoding, private_digest)
        ORDER BY e.seq
        """

    /// The first thirteen parameters of ``journalInsert``: `entries` column by column.
    ///
    /// A batch's are bound before its turn at the database (``BatchPrecheck``): binding
    /// thousands of snapshots takes a while, and the café's next batch waits for the turn.
    static func journalColumns(_ entries: [LedgerEntry]) -> PostgresBindings {
        var binds = PostgresBindings(capacity: 16)
        func column(_ value: (LedgerEntry) -> String?) { binds.append(NullableTextArray(entries.map(value))) }
        binds.append(entries.map(\.seq))
        column(\.fields.at)
        column(\.fields.kind)
        column(\.fields.actor)
        column(\.fields.subject)
        column(\.fields.payload)
        column(\.prevHash)
        column(\.hash)
        column(\.fields.rowTable)
        column(\.fields.rowKey)
        column(\.fields.snapshot)
        binds.append(entries.map { Int32($0.encoding) })
        column(\.fields.privateDigest)
        return binds
    }
}

/// A `text[]` whose elements may be NULL, bound in PostgreSQL's binary array form
/// (PostgresNIO binds arrays of values, not of optionals).
struct NullableTextArray: PostgresNonThrowingEncodable {
    var elements: [String?]

    init(_ elements: [String?]) {
        self.elements = elements
    }

    static var psqlType: PostgresDataType { .textArray }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        // Dimensions, whether any element is NULL, the element type; then the one dimension's
        // length and lower bound; then each element as its length (-1 for NULL) and bytes.
        buffer.writeInteger(Int32(1))
        buffer.writeInteger(Int32(elements.contains(nil) ? 1 : 0))
        buffer.writeInteger(PostgresDataType.text.rawValue)
        buffer.writeInteger(Int32(elements.count))
        buffer.writeInteger(Int32(1))
        for element in elements {
            guard let element else {
                buffer.writeInteger(Int32(-1))
                continue
            }
            let lengthAt = buffer.writerIndex
            buffer.writeInteger(Int32(0))
            let written = buffer.writeString(element)
            buffer.setInteger(Int32(written), at: lengthAt)
        }
    }
}

/// A café as the centre enrols it.
public struct CentralCafe: Hashable, Sendable {
    public var code: String
    public var name: String
    public var upt: String
    public var kanwil: String
    /// The raw 32 bytes of its Ed25519 public key.
    public var publicKey: Data
    public var headSeq: Int64
    public var headHash: String

    public init(code: String, name: String, upt: String, kanwil: String, publicKey: Data, headSeq: Int64 = 0,
                headHash: String = LedgerBatch.genesisHash) {
        self.code = code
        self.name = name
        self.upt = upt
        self.kanwil = kanwil
        self.publicKey = publicKey
        self.headSeq = headSeq
        self.headHash = headHash
    }
}

/// What the centre raises an alarm for.
public enum AlarmKind: String, Sendable, Hashable, CaseIterable {
    case fork, rollback, signature, gap, stale
}

/// A batch checked against a key without the database (``CentralDatabase/precheck(_:key:)``).
public struct BatchPrecheck: Sendable {
    /// The key checked against, raw.
    public let key: Data
    /// Whether that key signed the batch, and its entries are what it signed.
    public let signature: Result<Void, LedgerBatchError>
    /// The first entry that may carry free text in clear.
    public let holdingText: Int64?
    /// The first entry not as a café writes entries.
    public let malformed: Int64?
    /// All the batch's entries bound for the journal (``CentralDatabase/journalColumns(_:)``),
    /// and the first and last of them; when the batch passed every check here.
    var columns: (binds: PostgresBindings, first: LedgerEntry, last: LedgerEntry, count: Int)? = nil

    /// The bound columns of `entries`, the batch's new entries, when they are all the entries
    /// of the batch checked; else nil.
    func journalColumns(of entries: [LedgerEntry]) -> PostgresBindings? {
        guard let columns, columns.count == entries.count, columns.first == entries.first, columns.last == entries.last else { return nil }
        return columns.binds
    }
}

/// What became of a batch.
public struct IngestOutcome: Equatable, Sendable {
    public enum Result: Equatable, Sendable {
        /// Its new entries are stored.
        case stored(entries: Int)
        /// Every entry was held already, the same.
        case duplicate
        /// Nothing stored; kept as evidence, and an alarm raised when `kind` is set. `error`
        /// is what the batch itself was found to be, when that refused it.
        case refused(kind: AlarmKind?, reason: String, error: LedgerBatchError?)
        /// Nothing stored nor recorded: the batch begins past the entry after `heldSeq`, the
        /// head held (only when asked with `holdGap`).
        case behind(heldSeq: Int64)
    }

    public var batchID: Int64
    public var result: Result
    /// The head the centre holds after it (unknown when refused).
    public var headSeq: Int64?
    public var headHash: String?
    /// Whether a refused batch's bytes were kept as evidence (not when they may hold free
    /// text, nor when the same refusal was kept before).
    public var evidenceKept = false
}

