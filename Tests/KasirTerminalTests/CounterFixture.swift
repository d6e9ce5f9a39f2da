import Foundation
import KasirActions
import KasirConfig
import KasirCore
import KasirPrint
import KasirStore
import KasirTestSupport
@testable import KasirTerminal

/// Feeds the counter prepared lines and keeps everything it shows.
///
/// Besides plain lines, a script may hold keys: `<C-c>` (Ctrl-C), `<C-d>` (Ctrl-D),
/// `<idle>` (nothing typed for the idle time: that time passes on the clock, and the prompt
/// gives up), and `<+N>` (N seconds pass on the clock).
final class ScriptedPrompter: Prompter {
    var lines: [String]
    var transcript = ""
    let isTerminal: Bool
    let clock: TestClock?

    init(_ lines: [String], terminal: Bool = false, clock: TestClock? = nil) {
        self.lines = lines
        self.isTerminal = terminal
        self.clock = clock
    }

    func read(prompt: String, history: [String], idleAfter: TimeInterval?) -> PromptResult {
        transcript += prompt
        while let first = lines.first, first.hasPrefix("<+"), let seconds = Double(first.dropFirst(2).dropLast()) {
            lines.removeFirst()
            clock?.advance(seconds)
        }
        guard !lines.isEmpty else {
            transcript += "<EOF>\n"
            return .endOfInput
        }
        let line = lines.removeFirst()
        transcript += line + "\n"
        switch line {
        case "<C-c>": return .interrupted
        case "<C-d>": return .endOfInput
        case "<idle>":
            guard let idleAfter else { return .line("") }
            clock?.advance(idleAfter)
            return .idle
        default: return .line(line)
        }
    }

    func show(_ text: String) { transcript += text + "\n" }

    func readSecret(prompt: String) -> String? {
        transcript += prompt
        guard !lines.isEmpty else {
            transcript += "<EOF>\n"
            return nil
        }
        transcript += "****\n"
        return lines.removeFirst()
    }
}

/// A café with a fixture menu, supervisor S1 (PIN 246810), two baristas clocked in at the bar,
/// each with their own PIN (W01 135790, W02 975310, typed after the code to take the counter),
/// and the till open with Rp200.000, at 10:00 WITA on 29 November 2026.
struct CounterFixture {
    static let pin = "246810"
    static let w01PIN = "135790"
    static let w02PIN = "975310"
    static let start = Timestamp.date("2026-11-29T00:00:00.000Z")!

    let database: AppDatabase
    var config: KasirConfiguration
    let folder = TemporaryFolder("kasir-counter")

    /// - Parameter baristaPINs: whether W01 and W02 get their PINs (without, neither can take the counter).
    init(baristas: Bool = true, baristaPINs: Bool = true) throws {
        config = try KasirConfiguration.load(from: fixtureConfig)
        database = try AppDatabase.open(path: folder.appendingPathComponent("kasir.sqlite").path, logger: quietLogger)
        try database.establishSecurityPolicy(config.cafe.security, at: Self.start)
        try database.establishMoneyRules(config.cafe.moneyRules, at: Self.start)
        try database.importMenu(config.menu, at: Self.start)
        if baristas {
            let decree = try Decree(number: "SK-1/2026", validFrom: BusinessDay(year: 2026, month: 1, day: 1), validUntil: BusinessDay(year: 2026, month: 12, day: 31))
            try database.addSupervisor(StaffMember(code: "S1", role: .admin, name: "Hadi", alias: "S1", nip: "1980"), pin: Self.pin, approvedBy: nil, at: Self.start)
            for (code, name, alias, registration) in [("W01", "Budi Santoso", "Bima", "B.1/2024"), ("W02", "Andi Wijaya", "Arka", "B.2/2024")] {
                try database.addStaff(StaffMember(code: code, role: .barista, name: name, alias: alias, registration: registration), decree: decree, approvedBy: "S1", at: Self.start)
                try database.clockIn(code, station: .bar, supervisor: "S1", at: Self.start, lateEntry: false, recordedAt: Self.start, calendar: .wita)
            }
            if baristaPINs {
                try setBaristaPIN("W01", Self.w01PIN)
                try setBaristaPIN("W02", Self.w02PIN)
            }
            try database.startTill(float: 200_000, count: nil, supervisor: "S1", at: Self.start)
        }
    }

    /// A supervisor (S1) sets a WBP's own PIN, with the WBP present.
    func setBaristaPIN(_ code: String, _ pin: String, at instant: Date = CounterFixture.start) throws {
        try database.setBaristaPIN(of: code, to: pin, supervisor: "S1", at: instant)
    }

    /// Runs a counter session over `lines` from 10:00 WITA on 29 November 2026.
    func run(
        _ lines: [String], withPrinting: Bool = false, terminal: Bool = false, clock: TestClock? = nil,
        committed: ((RecordedOrder) -> Void)? = nil
    ) -> (status: Int32, screen: String) {
        let clock = clock ?? TestClock(Timestamp.date("2026-11-29T02:00:00.000Z")!)
        let prompter = ScriptedPrompter(lines, terminal: terminal, clock: clock)
        let worker = PrintWorker(
            database: database, renderer: SlipRenderer(settings: config.cafe, templates: TemplateSet(language: config.cafe.language, overrides: nil)),
            printer: nil, mode: .text, clock: clock, logger: quietLogger)
        let actions = CafeActions(database: database, config: config, clock: clock, printer: worker, backupFolder: folder.appendingPathComponent("backups"))
        let counter = Counter(
            actions: actions, prompter: prompter, printing: withPrinting ? BackgroundPrinting(worker: worker) : nil,
            onCommitted: committed ?? { _ in })
        return (counter.run(), prompter.transcript)
    }

    var today: BusinessDay { BusinessDay(year: 2026, month: 11, day: 29) }

    func english() -> CounterFixture {
        var copy = self
        copy.config.cafe.language = .en
        return copy
    }
}
