import Foundation
import GRDB
import KasirConfig
import KasirCore
import KasirTestSupport
import Testing
@testable import KasirStore

/// A fresh database file in its own temporary folder, with the fixture menu, an admin S1
/// (PIN 246810), two baristas clocked in, and the till open.
struct StoreFixture {
    let folder = TemporaryFolder("kasir-store")
    let database: AppDatabase
    let menu: Menu
    let pricing = PricingPolicy(
        tax: TaxPolicy(rate: .percent(10), pricesIncludeTax: true), rounding: RoundingRule(unit: 100, mode: .down))
    var path: String { folder.appendingPathComponent("kasir.sqlite").path }

    static let config = fixtureConfig
    static let pin = "246810"

    init() throws {
        database = try AppDatabase.open(path: folder.appendingPathComponent("kasir.sqlite").path, logger: quietLogger)
        menu = try KasirConfiguration.load(from: Self.config).menu
        let start = utc("2026-11-01T00:00:00Z")
        try database.importMenu(menu, at: start)
        try database.establishSecurityPolicy(.standard, at: start)
        try database.addSupervisor(StaffMember(code: "S1", role: .admin, name: "Hadi", alias: "S1", nip: "1980"), pin: Self.pin, approvedBy: nil, at: start)
        for (code, name, alias, registration) in [("W01", "Budi Santoso", "Bima", "B.1/2024"), ("W02", "Andi Wijaya", "Arka", "B.2/2024")] {
            try database.addStaff(StaffMember(code: code, role: .barista, name: name, alias: alias, registration: registration),
                                  decree: Self.decree, approvedBy: "S1", at: start)
            try database.clockIn(code, station: .bar, supervisor: "S1", at: start, lateEntry: false, recordedAt: start, calendar: .wita)
        }
        try database.startTill(float: 200_000, count: nil, supervisor: "S1", at: start)
    }

    static let decree = try! Decree(number: "SK-1/2026", validFrom: BusinessDay(year: 2026, month: 1, day: 1), validUntil: BusinessDay(year: 2026, month: 12, day: 31))

    func draft(_ server: String = "W01", _ items: String...) throws -> OrderDraft {
        var draft = OrderDraft(serverCode: server)
        for item in items { try draft.add(OrderLine(spec: ItemSpec.parse(item), menu: menu)) }
        return draft
    }

    func record(_ draft: OrderDraft, _ tenders: [Tender], at instant: String) throws -> RecordedOrder {
        try database.recordOrder(draft, tenders: tenders, pricing: pricing, calendar: .wita, at: utc(instant))
    }

    func count(_ table: String) throws -> Int {
        try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)")! }
    }
}

func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

@Suite struct DatabaseFileTests {
    @Test func theFileIsPrivateDurableAndChecked() throws {
        let fixture = try StoreFixture()
        let attributes = try FileManager.default.attributesOfItem(atPath: fixture.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let pragmas = try fixture.database.writer.write { db in
            [try String.fetchOne(db, sql: "PRAGMA journal_mode"), try String.fetchOne(db, sql: "PRAGMA synchronous"),
             try String.fetchOne(db, sql: "PRAGMA foreign_keys")]
        }
        #expect(pragmas == ["wal", "2", "1"])   // synchronous 2 is FULL
    }

    @Test func aFileThatIsNotADatabaseIsReportedAsCorrupt() throws {
        let folder = TemporaryFolder("kasir-corrupt")
        let path = folder.appendingPathComponent("kasir.sqlite").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(repeating: 0x41, count: 8192)))
        #expect(throws: StoreError.corrupt(path: path)) { try AppDatabase.open(path: path, logger: quietLogger) }
    }
}

@Suite struct OrderStoreTests {
    @Test func anOrderIsCommittedWithItsLinesModifiersAndPayments() throws {
        let fixture = try StoreFixture()
        let order = try fixture.record(
            fixture.draft("W01", "KSGA:2:size=L,sugar=less", "PGR"),
            [.qris(amount: 20_000, reference: "QR1"), .cash(tendered: 50_000)], at: "2026-11-29T02:00:00Z")
        #expect(order.number == 1)
        #expect(order.day == BusinessDay(year: 2026, month: 11, day: 29))
        #expect(order.totals == Totals(subtotal: 56_000, discount: 0, serviceCharge: 0, tax: 5_091, taxIncluded: true, rounding: 0, total: 56_000))
        #expect(order.change == 14_000)
        #expect(try fixture.count("order_lines") == 2)
        #expect(try fixture.count("order_line_modifiers") == 2)
        #expect(try fixture.count("payments") == 2)
        let stored = try #require(try fixture.database.order(day: order.day, number: 1))
        #expect(stored == order)
        #expect(stored.lines[0].modifiers.map(\.optionName) == ["Besar", "Sedikit gula"])
        #expect(stored.lines[0].makerCode == "W01")
    }

    @Test func numbersRestartAtWITAMidnight() throws {
        let fixture = try StoreFixture()
        let draft = try fixture.draft("W01", "PGR")
        let lateEvening = try fixture.record(draft, [.cash(tendered: 10_000)], at: "2026-11-29T15:58:00Z")   // 23:58 WITA
        let lastMinute = try fixture.record(draft, [.cash(tendered: 10_000)], at: "2026-11-29T15:59:00Z")    // 23:59 WITA
        let afterMidnight = try fixture.record(draft, [.cash(tendered: 10_000)], at: "2026-11-29T16:01:00Z") // 00:01 WITA
        #expect([lateEvening.number, lastMinute.number, afterMidnight.number] == [Int](arrayLiteral: 1, 2, 1))
        #expect(lastMinute.day.description == "2026-11-29")
        #expect(afterMidnight.day.description == "2026-11-30")
        #expect(try fixture.database.orders(day: BusinessDay(year: 2026, month: 11, day: 29)).map(\.number) == [1, 2])
    }

    @Test func aRefusedOrderLeavesNothingBehind() throws {
        let fixture = try StoreFixture()
        try fixture.database.addStaff(StaffMember(code: "W09", role: .barista, name: "X", alias: "Xen", registration: "B.9", status: .released),
                                      decree: StoreFixture.decree, at: Date())
        #expect(throws: StaffError.notActive(code: "W09", status: .released)) {
            try fixture.record(fixture.draft("W09", "PGR"), [.cash(tendered: 10_000)], at: "2026-11-29T02:00:00Z")
        }
        #expect(throws: StaffError.unknownStaff("W77")) {
            try fixture.record(fixture.draft("W77", "PGR"), [.cash(tendered: 10_000)], at: "2026-11-29T02:00:00Z")
        }
        var madeByStranger = try fixture.draft("W01")
        try madeByStranger.add(OrderLine(spec: ItemSpec.parse("PGR"), menu: fixture.menu, makerCode: "W88"))
        #expect(throws: StaffError.unknownStaff("W88")) {
            try fixture.record(madeByStranger, [.cash(tendered: 10_000)], at: "2026-11-29T02:00:00Z")
        }
        #expect(throws: OrderError.cashShort(due: 10_000, tendered: 5_000)) {
            try fixture.record(fixture.draft("W01", "PGR"), [.cash(tendered: 5_000)], at: "2026-11-29T02:00:00Z")
        }
        for table in ["orders", "order_lines", "order_line_modifiers", "payments", "removed_lines"] {
            #expect(try fixture.count(table) == 0, "\(table)")
        }
    }

    @Test func aFailureInsideTheTransactionRollsEverythingBack() throws {
        let fixture = try StoreFixture()
        // A payment the schema refuses (negative amount) fails after the order and lines were inserted.
        try fixture.database.writer.write { db in
            try db.execute(sql: "CREATE TRIGGER refuse_payments BEFORE INSERT ON payments BEGIN SELECT RAISE(ABORT, 'refused'); END")
        }
        #expect(throws: StoreError.self) {
            try fixture.record(fixture.draft("W01", "PGR"), [.cash(tendered: 10_000)], at: "2026-11-29T02:00:00Z")
        }
        #expect(try fixture.count("orders") == 0)
        #expect(try fixture.count("order_lines") == 0)
    }

    @Test func makersAndRemovedLinesAreRecorded() throws {
        let fixture = try StoreFixture()
        var draft = try fixture.draft("W01", "PGR", "AIR")
        try draft.add(OrderLine(spec: ItemSpec.parse("CAP temp=iced"), menu: fixture.menu, makerCode: "W02"))
        try draft.removeLine(2)
        let order = try fixture.record(draft, [.cash(tendered: 50_000)], at: "2026-11-29T02:00:00Z")
        #expect(order.lines.map(\.makerCode) == ["W01", "W02"])
        #expect(try fixture.count("removed_lines") == 1)
    }

    @Test func aPriceChangeNeverRewritesATakenOrder() throws {
        let fixture = try StoreFixture()
        let before = try fixture.record(fixture.draft("W01", "KSGA"), [.cash(tendered: 20_000)], at: "2026-11-29T02:00:00Z")
        var newMenu = fixture.menu
        newMenu.items[0].price = 20_000
        newMenu.items.removeAll { $0.code == "AIR" }
        let summary = try fixture.database.importMenu(newMenu, at: utc("2026-11-29T03:00:00Z"))
        #expect(summary.repriced == ["KSGA"])
        #expect(summary.withdrawn == ["AIR"])
        #expect(summary.added.isEmpty)
        let after = try #require(try fixture.database.order(day: before.day, number: 1))
        #expect(after.lines[0].unitPrice == 18_000)
        #expect(after.totals.total == 18_000)
        let menu = try fixture.database.menu()
        #expect(menu.item(code: "KSGA")?.price == 20_000)
        #expect(menu.item(code: "AIR") == nil)
    }

    /// What the database keeps comes back as it went in; the words people may type for groups
    /// and options (aliases) are the config's, laid over the stored menu where input is read.
    @Test func theMenuRoundTripsThroughTheDatabase() throws {
        let fixture = try StoreFixture()
        var stored = fixture.menu
        for group in stored.modifierGroups.indices {
            stored.modifierGroups[group].aliases = []
            for option in stored.modifierGroups[group].options.indices { stored.modifierGroups[group].options[option].aliases = [] }
        }
        #expect(try fixture.database.menu() == stored)
        #expect(try fixture.database.menu().withAliases(from: fixture.menu) == fixture.menu)
    }
}

@Suite struct StaffStoreTests {
    @Test func codesRegistrationsAndAliasesAreUnique() throws {
        let fixture = try StoreFixture()
        #expect(throws: StaffError.duplicateCode("W01")) {
            try fixture.database.addStaff(StaffMember(code: "W01", role: .barista, name: "N", alias: "New", registration: "B.7"), at: Date())
        }
        #expect(throws: StaffError.duplicateRegistration("B.1/2024")) {
            try fixture.database.addStaff(StaffMember(code: "W03", role: .barista, name: "N", alias: "New", registration: "B.1/2024"), at: Date())
        }
        #expect(throws: StaffError.duplicateAlias("bima")) {
            try fixture.database.addStaff(StaffMember(code: "W03", role: .barista, name: "N", alias: "bima", registration: "B.7"), at: Date())
        }
        #expect(try fixture.database.allStaff().map(\.code) == ["W01", "W02", "S1"])
    }

    @Test func aReleasedBaristaCannotServe() throws {
        let fixture = try StoreFixture()
        try fixture.database.setStatus(.released, of: "W02", approvedBy: "S1", at: utc("2026-11-29T01:00:00Z"))
        #expect(throws: StaffError.notActive(code: "W02", status: .released)) {
            try fixture.record(fixture.draft("W02", "PGR"), [.cash(tendered: 10_000)], at: "2026-11-29T02:00:00Z")
        }
    }
}


@Suite struct DecreeStoreTests {
    /// A decree recorded while the WBP is clocked in that no longer covers today ends the shift
    /// then, as a revoked one does: no training hours accrue after it. One that covers today
    /// leaves the shift open.
    @Test func aDecreeThatNoLongerCoversTodayEndsTheShift() throws {
        let fixture = try StoreFixture()
        let today = BusinessDay(year: 2026, month: 11, day: 29)
        let noon = utc("2026-11-29T04:00:00Z")
        let renewed = try Decree(number: "SK-2/2026", validFrom: BusinessDay(year: 2026, month: 1, day: 1), validUntil: BusinessDay(year: 2027, month: 6, day: 30))
        try fixture.database.setDecree(renewed, of: "W02", approvedBy: "S1", on: today, at: noon)
        let ended = try Decree(number: "SK-3/2026", validFrom: BusinessDay(year: 2026, month: 1, day: 1), validUntil: BusinessDay(year: 2026, month: 11, day: 28))
        try fixture.database.setDecree(ended, of: "W01", approvedBy: "S1", on: today, at: noon)
        #expect(try fixture.database.openAttendance().map(\.staffCode) == ["W02"])
        let clockOut = try fixture.database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT a.clock_out FROM attendance a JOIN staff s ON s.id = a.staff_id WHERE s.code = 'W01'")
        }
        #expect(clockOut == "2026-11-29T04:00:00.000Z")
    }
}
