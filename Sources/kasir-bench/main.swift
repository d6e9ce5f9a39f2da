import Foundation
import KasirConfig
import KasirCore
import KasirStore
import Logging

#if canImport(Glibc)
import Glibc
#endif

// Measurements for scripts/bench, in an executable of their own: it writes a supervisor with a
// known PIN into the database it is given, so it is never built into or installed with `kasir`.
//
//   kasir-bench prepare --db PATH [--config DIR]          a new database ready to sell (S1, W01 at the till)
//   kasir-bench record --db PATH [--config DIR] [--orders N]   seconds to record N paid orders in it
//   kasir-bench rss COMMAND [ARGUMENTS...]                 runs it; prints its seconds and peak memory (KiB)

func option(_ name: String, default value: String? = nil) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return value }
    return arguments[index + 1]
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("kasir-bench: \(message)\n".utf8))
    exit(2)
}

/// When the bench's café opens: 08:00 WITA on 29 November 2026.
let opening = Date(timeIntervalSince1970: 1_795_910_400)

func open(_ path: String) throws -> (AppDatabase, KasirConfiguration) {
    let configuration = try KasirConfiguration.load(from: URL(fileURLWithPath: option("--config", default: "config")!))
    var logger = Logger(label: "kasir-bench")
    logger.logLevel = .critical
    return (try AppDatabase.open(path: path, logger: logger), configuration)
}

func prepare(_ path: String) throws {
    guard !FileManager.default.fileExists(atPath: path) else { fail("\(path) exists: give a new file") }
    let (database, configuration) = try open(path)
    try database.importMenu(configuration.menu, at: opening)
    try database.addSupervisor(StaffMember(code: "S1", role: .admin, name: "Bench", alias: "S1", nip: "1"), pin: "246810", approvedBy: nil, at: opening)
    try database.addStaff(StaffMember(code: "W01", role: .barista, name: "Bench", alias: "Bima", registration: "B.1"),
                          decree: Decree(number: "SK", validFrom: BusinessDay(year: 2026, month: 1, day: 1), validUntil: BusinessDay(year: 2026, month: 12, day: 31)),
                          approvedBy: "S1", at: opening)
    // The counter asks a WBP's own PIN to take it.
    try database.setBaristaPIN(of: "W01", to: "135790", supervisor: "S1", at: opening)
    try database.clockIn("W01", station: .kasir, supervisor: "S1", at: opening, lateEntry: false, recordedAt: opening, calendar: configuration.cafe.calendar)
    try database.startTill(float: 100_000, count: nil, supervisor: "S1", at: opening)
}

/// Records `orders` paid orders as the counter does (a large iced palm-sugar coffee and fried
/// banana, cash), one transaction each; returns the seconds it took.
func record(_ path: String, orders: Int) throws -> Double {
    guard FileManager.default.fileExists(atPath: path) else { fail("\(path): run kasir-bench prepare first") }
    let (database, configuration) = try open(path)
    var draft = OrderDraft(serverCode: "W01")
    try draft.add(OrderLine(spec: ItemSpec.parse("KSGA:1:size=L"), menu: configuration.menu))
    try draft.add(OrderLine(spec: ItemSpec.parse("PGR"), menu: configuration.menu))
    let elapsed = try ContinuousClock().measure {
        for index in 0..<orders {
            _ = try database.recordOrder(draft, tenders: [.cash(tendered: 50_000)], pricing: configuration.cafe.pricing,
                                         calendar: configuration.cafe.calendar, at: opening.addingTimeInterval(Double(60 + index)))
        }
    }
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// Runs a command and reports its wall time and the peak resident memory of its process.
func measureChild(_ arguments: [String]) throws -> (seconds: Double, kibibytes: Int) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: arguments[0].contains("/") ? arguments[0] : "/usr/bin/env")
    process.arguments = arguments[0].contains("/") ? Array(arguments.dropFirst()) : arguments
    process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
    let start = ContinuousClock.now
    try process.run()
    process.waitUntilExit()
    let elapsed = ContinuousClock.now - start
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    guard process.terminationStatus == 0 else { fail("\(arguments.joined(separator: " ")) exited \(process.terminationStatus)") }
    return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, Int(usage.ru_maxrss))
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "prepare":
        guard let path = option("--db") else { fail("usage: kasir-bench prepare --db PATH [--config DIR]") }
        try prepare(path)
    case "record":
        guard let path = option("--db") else { fail("usage: kasir-bench record --db PATH [--config DIR] [--orders N]") }
        print(String(format: "%.6f", try record(path, orders: Int(option("--orders", default: "300")!) ?? 300)))
    case "rss":
        guard arguments.count > 1 else { fail("usage: kasir-bench rss COMMAND [ARGUMENTS...]") }
        let measured = try measureChild(Array(arguments.dropFirst()))
        print(String(format: "%.6f %d", measured.seconds, measured.kibibytes))
    default:
        fail("usage: kasir-bench prepare | record | rss (see the source for options)")
    }
} catch {
    fail("\(error)")
}
