import Foundation
import KasirActions
import KasirConfig
import KasirCore
import KasirPrint
import KasirStore
import KasirTestSupport
import Testing

/// A café at 10:00 WITA on 29 November 2026: admin S1 and supervisor S2, W01 clocked in at the
/// bar, and order #1 (Pisang Goreng, Rp10.000 in cash) sold in till 1, which is closed; till 2
/// is open. Every act goes through ``CafeActions`` with approvers from the gate.
struct RefundCafe {
    static let s1PIN = "246810"
    static let s2PIN = "580317"
    let folder = TemporaryFolder("kasir-refund")
    let clock = TestClock(Timestamp.date("2026-11-29T02:00:00.000Z")!)
    let database: AppDatabase
    let config: KasirConfiguration
    let actions: CafeActions
    let s1: Approver
    let s2: Approver

    init() throws {
        (database, config) = try newCafe(in: folder, at: clock.now())
        actions = cafeActions(database, config, clock: clock, folder: folder)
        try actions.importFirstMenu(by: nil)
        let gate = SupervisorGate(database: database, clock: clock)
        s1 = try gate.firstSupervisor(StaffMember(code: "S1", role: .admin, name: "Hadi", alias: "S1", nip: "1980"), pin: Self.s1PIN)
        try database.addSupervisor(StaffMember(code: "S2", role: .supervisor, name: "Rina", alias: "S2", nip: "1990"), pin: Self.s2PIN,
                                   approvedBy: "S1", at: clock.now())
        s2 = try gate.require("S2", readPIN: { _ in Self.s2PIN })
        let decree = try Decree(number: "SK-1/2026", validFrom: BusinessDay(year: 2026, month: 1, day: 1), validUntil: BusinessDay(year: 2026, month: 12, day: 31))
        try database.addStaff(StaffMember(code: "W01", role: .barista, name: "Budi Santoso", alias: "Bima", registration: "B.1/2024"), decree: decree,
                              approvedBy: "S1", at: clock.now())
        try actions.clockIn("W01", station: .bar, by: s1)
        _ = try actions.openTill(float: 200_000, count: nil, by: s1)
        try sell("PGR", cash: 10_000)
        clock.advance(600)
        _ = try actions.closeTill(count: CashCount(pieces: [100_000: 2, 10_000: 1]), by: s1)
        clock.advance(600)
        _ = try actions.openTill(float: 200_000, count: nil, by: s1)
    }

    /// W01 sells one `item`, paid with `cash`.
    func sell(_ item: String, cash: Rupiah) throws {
        var draft = OrderDraft(serverCode: "W01")
        try draft.add(OrderLine(spec: ItemSpec.parse(item), menu: config.menu))
        _ = try actions.sell(draft, tenders: [.cash(tendered: cash)])
    }

    /// Who approved the refunds of the open till (till 2), in order.
    func refundApprovers() throws -> [String] {
        try database.tillReport(id: 2).approvals.filter { $0.kind == .refund }.map(\.approvedBy)
    }
}

/// A refund of an order from a closed till needs a second supervisor, another person than the
/// first: said before any PIN is asked (``CafeActions/checkRefundApprovers``), and kept by the
/// act itself whatever asked first. The counter's dialogue over this rule is tested in
/// KasirTerminalTests (SecondSupervisorTests); the command's line and status, end to end.
@Suite struct RefundApproversTests {
    @Test func aRefundFromAClosedTillNeedsAnotherSupervisor() throws {
        let cafe = try RefundCafe()
        func check(first: String?, second: String?) throws -> SecondApprovalCause? {
            try cafe.actions.checkRefundApprovers(number: 1, picks: nil, qrisAsCash: false, first: first, second: second)
        }
        #expect(throws: RefundError.secondSupervisorRequired(.closedTill)) { try check(first: "S1", second: nil) }
        #expect(throws: RefundError.sameSupervisorTwice("S1")) { try check(first: "S1", second: "s1") }
        #expect(try check(first: "S1", second: "S2") == .closedTill)

        #expect(throws: RefundError.secondSupervisorRequired(.closedTill)) {
            try cafe.actions.refund(number: 1, picks: nil, qrisAsCash: false, reason: "basi", by: cafe.s1)
        }
        #expect(throws: RefundError.sameSupervisorTwice("S1")) {
            try cafe.actions.refund(number: 1, picks: nil, qrisAsCash: false, reason: "basi", by: cafe.s1, second: cafe.s1)
        }
        #expect(try cafe.refundApprovers().isEmpty)
        _ = try cafe.actions.refund(number: 1, picks: nil, qrisAsCash: false, reason: "basi", by: cafe.s1, second: cafe.s2)
        #expect(try cafe.refundApprovers() == ["S1", "S2"])
    }

    @Test func aCashRefundFromTheOpenTillNeedsOneSupervisor() throws {
        let cafe = try RefundCafe()
        try cafe.sell("AIR", cash: 5_000)   // order #2, in till 2
        #expect(try cafe.actions.checkRefundApprovers(number: 2, picks: nil, qrisAsCash: false, first: "S1", second: nil) == nil)
        _ = try cafe.actions.refund(number: 2, picks: nil, qrisAsCash: false, reason: "salah pesan", by: cafe.s1)
        #expect(try cafe.refundApprovers() == ["S1"])
    }
}
