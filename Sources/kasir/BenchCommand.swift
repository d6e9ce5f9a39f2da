import ArgumentParser
import Foundation
import KasirConfig
import KasirCore
import KasirStore
import KasirTerminal

/// Measurements for scripts/bench; not for people at the counter.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measurements for scripts/bench.", shouldDisplay: false, subcommands: [Record.self])

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record N paid orders in a fresh database; print the seconds taken.")
        @Option var db: String
        @Option var config: String = "config"
        @Option var orders: Int = 200

        func run() throws {
            let configuration = try KasirConfiguration.load(from: URL(fileURLWithPath: config))
            let database = try AppDatabase.open(path: db, logger: Context.logger)
            let start = Date(timeIntervalSince1970: 1_795_910_400)   // 2026-11-29 08:00 WITA
            try database.importMenu(configuration.menu, at: start)
            try database.addSupervisor(StaffMember(code: "S1", role: .supervisor, name: "Bench", alias: "S1", nip: "1"), pin: "1234", approvedBy: nil, at: start)
            try database.addStaff(StaffMember(code: "W01", role: .barista, name: "Bench", alias: "Bima", registration: "B.1"),
                                  decree: Decree(number: "SK", validFrom: BusinessDay(year: 2026, month: 1, day: 1), validUntil: BusinessDay(year: 2026, month: 12, day: 31)),
                                  approvedBy: "S1", at: start)
            try database.clockIn("W01", station: .kasir, supervisor: "S1", at: start, lateEntry: false, calendar: configuration.cafe.calendar)
            try database.openTill(float: 100_000, count: nil, supervisor: "S1", at: start)
            var draft = OrderDraft(serverCode: "W01")
            try draft.add(OrderLine(spec: ItemSpec.parse("KSGA:1:size=L"), menu: configuration.menu))
            try draft.add(OrderLine(spec: ItemSpec.parse("PGR"), menu: configuration.menu))
            let clock = ContinuousClock()
            let elapsed = try clock.measure {
                for index in 0..<orders {
                    _ = try database.recordOrder(draft, tenders: [.cash(tendered: 50_000)], pricing: configuration.cafe.pricing,
                                                 calendar: configuration.cafe.calendar, at: start.addingTimeInterval(Double(index)))
                }
            }
            print(String(format: "%.6f", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
        }
    }
}
