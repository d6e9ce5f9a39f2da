import Foundation
import KasirConfig
import KasirCore
import KasirStore
import Logging

// Measurements for scripts/bench, in an executable of their own: it writes a supervisor with a
// known PIN into the database it is given, so it is never built into or installed with `kasir`.
//
//   kasir-bench record --db PATH [--config DIR] [--orders N]    seconds to record N paid orders

func option(_ name: String, default value: String? = nil) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return value }
    return arguments[index + 1]
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("kasir-bench: \(message)\n".utf8))
    exit(2)
}

guard CommandLine.arguments.dropFirst().first == "record", let path = option("--db") else {
    fail("usage: kasir-bench record --db PATH [--config DIR] [--orders N]")
}
guard !FileManager.default.fileExists(atPath: path) else { fail("\(path) exists: give a new file") }
let orders = Int(option("--orders", default: "200")!) ?? 200
do {
    let configuration = try KasirConfiguration.load(from: URL(fileURLWithPath: option("--config", default: "config")!))
    var logger = Logger(label: "kasir-bench")
    logger.logLevel = .critical
    let database = try AppDatabase.open(path: path, logger: logger)
    let start = Date(timeIntervalSince1970: 1_795_910_400)   // 2026-11-29 08:00 WITA
    try database.importMenu(configuration.menu, at: start)
    try database.addSupervisor(StaffMember(code: "S1", role: .admin, name: "Bench", alias: "S1", nip: "1"), pin: "246810", approvedBy: nil, at: start)
    try database.addStaff(StaffMember(code: "W01", role: .barista, name: "Bench", alias: "Bima", registration: "B.1"),
                          decree: Decree(number: "SK", validFrom: BusinessDay(year: 2026, month: 1, day: 1), validUntil: BusinessDay(year: 2026, month: 12, day: 31)),
                          approvedBy: "S1", at: start)
    try database.clockIn("W01", station: .kasir, supervisor: "S1", at: start, lateEntry: false, recordedAt: start, calendar: configuration.cafe.calendar)
    try database.startTill(float: 100_000, count: nil, supervisor: "S1", at: start)
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
} catch {
    fail("\(error)")
}
