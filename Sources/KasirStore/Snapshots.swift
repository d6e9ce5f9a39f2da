import Crypto
import Foundation
import GRDB
import GRDBSQLite
import KasirCore

/// A statement stepped with SQLite's own API, its values read straight from SQLite's buffers.
///
/// The audit reads every row of the history and the journal writes a snapshot with each act;
/// GRDB's `Row` costs more per value than either's hashing, so these two paths read this way.
/// The statement is one of GRDB's cached statements, reset before and after use, so GRDB finds
/// it as it left it.
struct RawRows {
    let handle: OpaquePointer

    /// The cached statement for `sql`, reset, with `arguments` bound from 1.
    init(_ db: Database, sql: String, arguments: [JournalKey] = []) throws {
        handle = try db.cachedStatement(sql: sql).sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (index, argument) in arguments.enumerated() {
            switch argument {
            case .integer(let value): sqlite3_bind_int64(handle, Int32(index + 1), value)
            case .text(let value): sqlite3_bind_text(handle, Int32(index + 1), value, -1, Self.transient)
            }
        }
    }

    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Moves to the next row; false at the end.
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw StoreError.failed(String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
        }
    }

    /// Leaves the statement as GRDB expects it.
    func finish() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    var columnCount: Int32 { sqlite3_column_count(handle) }
    func name(_ column: Int32) -> String { String(cString: sqlite3_column_name(handle, column)) }
    func type(_ column: Int32) -> Int32 { sqlite3_column_type(handle, column) }
    func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    /// The column's text (or blob) bytes, valid until the next step.
    func bytes(_ column: Int32) -> UnsafeRawBufferPointer {
        guard let text = sqlite3_column_text(handle, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column)))
    }

    func text(_ column: Int32) -> String { String(decoding: bytes(column), as: UTF8.self) }

    /// The key in `column` (the integer or text a journal entry names).
    func key(_ column: Int32) -> JournalKey {
        type(column) == SQLITE_INTEGER ? .integer(integer(column)) : .text(text(column))
    }

    /// How the key in `column` of `self` sorts against the key in `other`'s column, as SQLite's
    /// ORDER BY sorts them (integers first, text by its bytes).
    func compareKey(_ column: Int32, with other: RawRows, _ otherColumn: Int32) -> Int {
        let mine = type(column) == SQLITE_INTEGER, theirs = other.type(otherColumn) == SQLITE_INTEGER
        if mine && theirs {
            let a = integer(column), b = other.integer(otherColumn)
            return a < b ? -1 : (a > b ? 1 : 0)
        }
        if mine != theirs { return mine ? -1 : 1 }
        let a = bytes(column), b = other.bytes(otherColumn)
        let common = min(a.count, b.count)
        if common > 0, let x = a.baseAddress, let y = b.baseAddress {
            let result = memcmp(x, y, common)
            if result != 0 { return Int(result) }
        }
        return a.count < b.count ? -1 : (a.count > b.count ? 1 : 0)
    }
}

/// Canonical JSON written byte by byte, exactly as ``CanonicalJSON/write(into:)`` writes it.
struct CanonicalBytes {
    var bytes: [UInt8] = []
    /// Whether free text (``JournaledTable/withheld``) is written as `true` rather than as
    /// itself: the public form of a snapshot, the one that leaves the café.
    var publicForm = false
    /// Whether a withheld field held a value since the last reset: the public form differs.
    var withheld = false

    init(publicForm: Bool = false) {
        bytes.reserveCapacity(1_024)
        self.publicForm = publicForm
    }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        withheld = false
    }

    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    mutating func integer(_ value: Int64) {
        if value == 0 { bytes.append(48); return }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[count] = UInt8(48 + magnitude % 10)
                magnitude /= 10
                count += 1
            }
        }
        if value < 0 { bytes.append(45) }
        withUnsafeBytes(of: &digits) { buffer in
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    /// A JSON string of `text`'s bytes, escaped as CanonicalJSON escapes them.
    mutating func string(_ text: UnsafeRawBufferPointer) {
        CanonicalJSON.writeString(text, into: &bytes)
    }

    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { string(UnsafeRawBufferPointer($0)) }
    }

    /// The value of `column` as the snapshot holds it: an integer, null, or a string (a real
    /// as Swift writes it, a blob in base64, text as it is).
    mutating func value(_ rows: RawRows, _ column: Int32) {
        switch rows.type(column) {
        case SQLITE_INTEGER: integer(rows.integer(column))
        case SQLITE_NULL: bytes.append(contentsOf: [110, 117, 108, 108])
        case SQLITE_FLOAT: string(String(sqlite3_column_double(rows.handle, column)))
        case SQLITE_BLOB:
            let blob = Data(bytes: sqlite3_column_blob(rows.handle, column), count: Int(sqlite3_column_bytes(rows.handle, column)))
            string(blob.base64EncodedString())
        default: string(rows.bytes(column))
        }
    }

    /// `"name":` for a key already in canonical form.
    mutating func key(_ quoted: [UInt8]) { bytes.append(contentsOf: quoted) }

    var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// How one statement's rows are written as snapshot objects: its fields in key order.
struct SnapshotLayout {
    enum Field {
        /// A column of the statement.
        case column(Int32)
        /// The rows of child `index` (an array of objects).
        case child(Int)
        /// The SHA-256 of the PIN hash in this column, in hex.
        case pinDigest(Int32)
        /// A personal field as a salted digest: the SHA-256 of the row's salt (second column),
        /// a zero byte and the field (first column), in hex; null stays null.
        case saltedDigest(Int32, salt: Int32)
        /// Free text: itself, or `true` in the public form; null stays null.
        case withheld(Int32)
    }

    /// Each field with its key already written as `"key":`, sorted by the key's bytes.
    var fields: [(key: [UInt8], field: Field)]

    /// The layout of `rows`' columns (but `_key`, `_parent` and `omitted`), with `children`
    /// and, for staff, `pin_digest` and the personal fields' `…_digest` among them in key order.
    init(
        _ rows: RawRows, omitted: Set<String> = [], children: [String] = [], pinDigest: Bool = false, personal: Set<String> = [],
        withheld: Set<String> = []
    ) {
        var named: [(String, Field)] = []
        let salt = personal.isEmpty ? nil : (0..<rows.columnCount).first { rows.name($0) == JournaledTable.saltColumn }
        for column in 0..<rows.columnCount {
            let name = rows.name(column)
            if let salt, personal.contains(name) {
                named.append((name + "_digest", .saltedDigest(column, salt: salt)))
                continue
            }
            if name == "_key" || name == "_parent" || omitted.contains(name) {
                if pinDigest && name == "pin_hash" { named.append(("pin_digest", .pinDigest(column))) }
                continue
            }
            named.append((name, withheld.contains(name) ? .withheld(column) : .column(column)))
        }
        for (index, child) in children.enumerated() { named.append((child, .child(index))) }
        named.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        fields = named.map { name, field in
            var quoted = CanonicalBytes()
            quoted.string(name)
            quoted.append(58)
            return (quoted.bytes, field)
        }
    }

    /// Writes the current row of `rows`; `child` writes the array of child `index`.
    func write(_ rows: RawRows, into out: inout CanonicalBytes, child: (Int, inout CanonicalBytes) throws -> Void) rethrows {
        out.append(123)
        for (index, entry) in fields.enumerated() {
            if index > 0 { out.append(44) }
            out.key(entry.key)
            switch entry.field {
            case .column(let column): out.value(rows, column)
            case .child(let number): try child(number, &out)
            case .pinDigest(let column):
                if rows.isNull(column) {
                    out.bytes.append(contentsOf: [110, 117, 108, 108])
                } else {
                    out.string(AppDatabase.sha256Hex(Data(rows.bytes(column))))
                }
            case .saltedDigest(let column, let salt):
                if rows.isNull(column) {
                    out.bytes.append(contentsOf: [110, 117, 108, 108])
                } else {
                    out.string(JournaledTable.saltedDigest(salt: Data(rows.bytes(salt)), value: Data(rows.bytes(column))))
                }
            case .withheld(let column):
                if rows.isNull(column) {
                    out.bytes.append(contentsOf: [110, 117, 108, 108])
                } else {
                    out.withheld = true
                    if out.publicForm { out.bytes.append(contentsOf: [116, 114, 117, 101]) } else { out.value(rows, column) }
                }
            }
        }
        out.append(125)
    }
}

extension JournaledTable {
    /// The SQL of this table's rows (all, or the one whose key is bound) with `_key` first.
    func parentSQL(one: Bool) -> String {
        let match = keyColumns.isEmpty ? "\(key) = ?" : keyColumns.map { "\($0) = ?" }.joined(separator: " AND ")
        return "SELECT \(key) AS _key, * FROM \(name)" + (one ? " WHERE \(match)" : " ORDER BY _key")
    }

    /// The arguments that find the row with `key`: the key, or its parts.
    func keyArguments(_ key: JournalKey) -> [JournalKey] {
        guard !keyColumns.isEmpty else { return [key] }
        let parts = key.text.split(separator: "|", omittingEmptySubsequences: false).map { JournalKey.text(String($0)) }
        return parts.count == keyColumns.count ? parts : [key] + Array(repeating: .text(""), count: keyColumns.count - 1)
    }

    /// The SQL of a child's rows (all, or those of the parent whose key is bound) with `_parent` first.
    func childSQL(_ child: Child, one: Bool) -> String {
        "SELECT \(child.parent) AS _parent, \(child.columns) FROM \(child.source)"
            + (one ? " WHERE \(child.parent) = ? ORDER BY \(child.order)" : " ORDER BY \(child.parent), \(child.order)")
    }

    /// The snapshot of the row with `key` as canonical JSON bytes, as it is now in `db`;
    /// `nil` when there is no such row (``SnapshotWriter/snapshot(_:table:key:)``).
    func snapshotBytes(_ db: Database, key: JournalKey, publicForm: Bool = false) throws -> CanonicalBytes? {
        var writer = SnapshotWriter(publicForm: publicForm)
        return try writer.snapshot(db, table: self, key: key)
    }
}

/// What sees each row of a table as the writer writes it (the orders' monthly recount).
protocol RowObserver {
    mutating func parent(_ rows: RawRows)
    mutating func child(_ index: Int, _ rows: RawRows)
    mutating func endParent()
}

/// The one writer of journal snapshots: reads a journaled table's rows with their children,
/// as SQLite holds them, and writes each row as canonical JSON bytes.
///
/// The journal writes the snapshot of the row an act wrote inside that act's transaction, on
/// its connection, from the rows just written (``AppDatabase/journal(_:kind:actor:subject:payload:row:at:)``);
/// `audit verify` writes every row of every table the same way and compares digests. Both read
/// `SELECT *` of the table and its children (``JournaledTable``), so a column added to a table
/// is in its snapshots with no other edit.
///
/// ```swift
/// var writer = SnapshotWriter()
/// let bytes = try writer.snapshot(db, table: .orders, key: .integer(orderID))?.text
/// // {"created_at":"…","day":"2026-11-29","discount":0,"id":1,"lines":[{…}],"modifiers":[…],…}
/// ```
struct SnapshotWriter {
    var observer: (any RowObserver)?
    /// Whether free text is written as `true` (``CanonicalBytes/publicForm``).
    var publicForm: Bool

    init(observer: (any RowObserver)? = nil, publicForm: Bool = false) {
        self.observer = observer
        self.publicForm = publicForm
    }

    /// The snapshot of the row of `table` with `key`; `nil` when there is no such row.
    mutating func snapshot(_ db: Database, table: JournaledTable, key: JournalKey) throws -> CanonicalBytes? {
        let parent = try RawRows(db, sql: table.parentSQL(one: true), arguments: table.keyArguments(key))
        defer { parent.finish() }
        let children = try table.children.map { try RawRows(db, sql: table.childSQL($0, one: true), arguments: [key]) }
        defer { children.forEach { $0.finish() } }
        var snapshot: CanonicalBytes?
        // The children were selected by the parent's key: every one of them is the row's own.
        try write(table, parent: parent, children: children, merging: false, orphan: { _, _ in }) { _, bytes in snapshot = bytes }
        return snapshot
    }

    /// Writes every row of `table` in key order, passing each key and snapshot to `body`; child
    /// rows whose parent does not exist are reported to `orphan`. The table and each child are
    /// read once, the children merged in key order.
    mutating func writeAll(
        _ db: Database, table: JournaledTable, orphan: (String, JournalKey) -> Void = { _, _ in },
        _ body: (JournalKey, CanonicalBytes) throws -> Void
    ) throws {
        let parent = try RawRows(db, sql: table.parentSQL(one: false))
        defer { parent.finish() }
        let children = try table.children.map { try RawRows(db, sql: table.childSQL($0, one: false)) }
        defer { children.forEach { $0.finish() } }
        try write(table, parent: parent, children: children, merging: true, orphan: orphan, body)
    }

    /// Steps `parent`, writing each row with its children nested: `children` are read in the
    /// parent's key order and, when `merging`, matched to it by `_parent`.
    private mutating func write(
        _ table: JournaledTable, parent: RawRows, children: [RawRows], merging: Bool,
        orphan: (String, JournalKey) -> Void, _ body: (JournalKey, CanonicalBytes) throws -> Void
    ) throws {
        var waiting = try children.map { try $0.step() }
        var childLayouts = children.map { _ -> SnapshotLayout? in nil }
        var layout: SnapshotLayout?
        var out = CanonicalBytes(publicForm: publicForm)
        while try parent.step() {
            if layout == nil {
                layout = SnapshotLayout(parent, omitted: table.omitted, children: table.children.map(\.name), pinDigest: table.pinDigest,
                                        personal: table.personal, withheld: table.withheld)
            }
            out.reset()
            self.observer?.parent(parent)
            try layout!.write(parent, into: &out) { index, out in
                let rows = children[index]
                out.append(91)
                var first = true
                while waiting[index] {
                    let order = merging ? rows.compareKey(0, with: parent, 0) : 0
                    if order > 0 { break }
                    if order == 0 {
                        if childLayouts[index] == nil { childLayouts[index] = SnapshotLayout(rows, withheld: table.withheld) }
                        if !first { out.append(44) }
                        first = false
                        childLayouts[index]!.write(rows, into: &out) { _, _ in }
                        self.observer?.child(index, rows)
                    } else {
                        orphan(table.children[index].name, rows.key(0))
                    }
                    waiting[index] = try rows.step()
                }
                out.append(93)
            }
            self.observer?.endParent()
            try body(parent.key(0), out)
        }
        for (index, rows) in children.enumerated() {
            while waiting[index] {
                orphan(table.children[index].name, rows.key(0))
                waiting[index] = try rows.step()
            }
        }
    }
}
