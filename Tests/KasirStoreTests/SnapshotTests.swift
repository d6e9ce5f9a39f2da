import Foundation
import GRDB
import KasirCore
import Testing
@testable import KasirStore

@Suite struct SnapshotWriterTests {
    /// The snapshot journaled when an order commits — read from its rows inside the commit —
    /// is byte for byte the one built from the values it was recorded with: lines with
    /// modifiers, another maker, a discount and a price override, a removed line, a note and
    /// two payments.
    @Test func theSnapshotWrittenAtCommitIsTheOneBuiltFromTheValues() throws {
        let fixture = try StoreFixture()
        let instant = utc("2026-11-29T02:00:00Z")
        let approval = Approval(supervisorCode: "S1", reason: "pelanggan tetap", at: instant)
        var draft = try fixture.draft("W01", "KSGA:2:size=L,sugar=less", "PGR", "AIR")
        try draft.add(OrderLine(spec: ItemSpec.parse("KSGA:1:size=R"), menu: fixture.menu, makerCode: "W02"))
        try draft.removeLine(3)
        try draft.applyDiscount(.amount(2_000), line: 1, approval: approval)
        try draft.overridePrice(8_000, line: 2, approval: approval)
        try draft.setNote("tanpa es \"batu\", meja 4")
        let tenders: [Tender] = [.qris(amount: 20_000, reference: "QR-77"), .cash(tendered: 100_000)]
        let order = try fixture.database.recordOrder(draft, tenders: tenders, pricing: fixture.pricing, calendar: .wita, at: instant)
        let checkout = try draft.checkout(pricing: fixture.pricing, tenders: tenders)

        let (journaled, ids, written) = try fixture.database.writer.read { db -> (String, SnapshotOracle.OrderIDs, String?) in
            let journaled = try #require(try String.fetchOne(
                db, sql: "SELECT snapshot FROM journal WHERE kind = 'order' AND row_key = ?", arguments: [String(order.id)]))
            func id(_ code: String) throws -> Int64 { try #require(try Int64.fetchOne(db, sql: "SELECT id FROM staff WHERE code = ?", arguments: [code])) }
            let ids = SnapshotOracle.OrderIDs(
                order: order.id, server: try id("W01"),
                till: try #require(try Int64.fetchOne(db, sql: "SELECT id FROM tills WHERE closed_at IS NULL")), supervisor: try id("S1"),
                lines: try zip(
                    Int64.fetchAll(db, sql: "SELECT id FROM order_lines WHERE order_id = ? ORDER BY position", arguments: [order.id]),
                    draft.lines.map { try id($0.makerCode ?? "W01") }
                ).map { (id: $0, maker: $1) },
                payments: try Int64.fetchAll(db, sql: "SELECT id FROM payments WHERE order_id = ? ORDER BY position", arguments: [order.id]),
                removedLines: try Int64.fetchAll(db, sql: "SELECT id FROM removed_lines WHERE order_id = ? ORDER BY id", arguments: [order.id]))
            return (journaled, ids, try JournaledTable.orders.snapshot(db, key: .integer(order.id)))
        }
        #expect(ids.lines.count == 3 && ids.payments.count == 2 && ids.removedLines.count == 1)
        let oracle = SnapshotOracle.order(draft, checkout: checkout, day: order.day, number: order.number, at: instant, ids: ids).text
        #expect(journaled == oracle)
        #expect(written == oracle)
        // The order's parts are all in it, as recorded.
        #expect(journaled.contains(#""option_name":"Sedikit gula""#) && journaled.contains(#""reference":"QR-77""#))
        #expect(journaled.contains(#""note":"tanpa es \"batu\", meja 4""#))
        #expect(try fixture.database.verifyJournal().findings.isEmpty)
    }

    /// The snapshot is read from the rows, so the rows must be the order as written: a line
    /// planted beforehand under the next order's id (sqlite3, foreign keys off), a removed line
    /// planted so, or a trigger that turns a cash payment into QRIS, refuses the order whole
    /// instead of being journaled as the sale.
    @Test(arguments: [
        """
        INSERT INTO order_lines (order_id, position, item_code, item_name, skill, base_price, unit_price, quantity, line_total, maker_id)
        SELECT (SELECT max(id) + 1 FROM orders), 99, 'LAT', 'Caffe Latte', 'espresso', 0, 0, 99, 0, id FROM staff WHERE code = 'W01'
        """,
        "INSERT INTO removed_lines (order_id, item_code, item_name, quantity, unit_price) SELECT max(id) + 1, 'LAT', 'Caffe Latte', 1, 0 FROM orders",
        """
        CREATE TRIGGER planted AFTER INSERT ON payments BEGIN
            UPDATE payments SET method = 'qris', tendered = NEW.amount, change = 0, reference = 'QR2X' WHERE id = NEW.id; END
        """,
    ])
    func rowsThatAreNotTheOrderAsWrittenRefuseIt(plant: String) throws {
        let fixture = try StoreFixture()
        _ = try fixture.record(fixture.draft("W01", "AIR"), [.cash(tendered: 10_000)], at: "2026-11-29T02:00:00Z")
        let journal = try fixture.count("journal")
        try fixture.database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: plant)
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        #expect(throws: StoreError.self) {
            try fixture.record(fixture.draft("W01", "PGR"), [.cash(tendered: 50_000)], at: "2026-11-29T02:10:00Z")
        }
        #expect(try fixture.count("orders") == 1)
        #expect(try fixture.count("journal") == journal)
    }

    /// The writer's one-row and whole-table forms write every row of every journaled table as
    /// the values read from GRDB's rows say, after acts on each of them.
    @Test func bothFormsOfTheWriterMatchTheRowsAsValues() throws {
        let fixture = try StoreFixture()
        _ = try fixture.record(fixture.draft("W01", "KSGA:2:size=L,sugar=less", "PGR"),
                               [.qris(amount: 20_000, reference: "QR1"), .cash(tendered: 50_000)], at: "2026-11-29T02:00:00Z")
        _ = try fixture.record(fixture.draft("W02", "AIR"), [.cash(tendered: 10_000)], at: "2026-11-29T02:05:00Z")
        var compared = 0
        try fixture.database.writer.read { db in
            for table in JournaledTable.all {
                guard try db.tableExists(table.name) else { continue }
                var whole: [JournalKey: String] = [:]
                var writer = SnapshotWriter()
                try writer.writeAll(db, table: table) { key, bytes in whole[key] = bytes.text }
                for key in try DatabaseValue.fetchAll(db, sql: "SELECT \(table.key) AS _key FROM \(table.name) ORDER BY _key").map(JournalKey.init) {
                    let oracle = try SnapshotOracle.fromRows(db, table: table, key: key)?.text
                    #expect(try table.snapshot(db, key: key) == oracle, "\(table.name) \(key.text)")
                    #expect(whole[key] == oracle, "\(table.name) \(key.text)")
                    compared += 1
                }
            }
        }
        #expect(compared > 20)
    }

}

@Suite struct ServingRuleInStoreTests {
    /// The store reads the facts and applies the one rule (``StaffMember/checkCanServe(on:decree:shift:)``):
    /// the counter's early check and the commit refuse alike.
    @Test func theCounterCheckAndTheCommitRefuseAlike() throws {
        let fixture = try StoreFixture()
        let day = BusinessDay(year: 2026, month: 11, day: 29)
        #expect(try fixture.database.checkCanServe("W02", on: day).alias == "Arka")
        #expect(throws: StaffError.unknownBarista("W77")) { try fixture.database.checkCanServe("W77", on: day) }
        #expect(throws: StaffError.notABarista("S1")) { try fixture.database.checkCanServe("S1", on: day) }
        #expect(throws: StaffError.decreeExpired(code: "W02", until: StoreFixture.decree.validUntil)) {
            try fixture.database.checkCanServe("W02", on: BusinessDay(year: 2027, month: 1, day: 2))
        }
        try fixture.database.setBreak("W02", starting: true, supervisor: "S1", at: utc("2026-11-29T01:00:00Z"))
        #expect(throws: StaffError.onBreak("W02")) { try fixture.database.checkCanServe("W02", on: day) }
        var madeOnBreak = try fixture.draft("W01")
        try madeOnBreak.add(OrderLine(spec: ItemSpec.parse("PGR"), menu: fixture.menu, makerCode: "W02"))
        #expect(throws: StaffError.onBreak("W02")) {
            try fixture.record(madeOnBreak, [.cash(tendered: 10_000)], at: "2026-11-29T02:00:00Z")
        }
        #expect(try fixture.count("orders") == 0)
    }
}
