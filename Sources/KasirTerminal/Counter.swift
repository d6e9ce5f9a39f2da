import Foundation
import KasirActions
import KasirMessages
import KasirConfig
import KasirCore
import KasirPrint
import KasirStore

/// The interactive counter: pick the barista, take the order, take payment, commit.
///
/// Nothing reaches the database before the person confirms a paid order, and then the order
/// and its payments are committed together; cancelling, Ctrl-C or the end of input at any
/// earlier point leaves nothing behind.
///
/// At a terminal the counter is a kiosk: Ctrl-Z and Ctrl-\ do nothing, Ctrl-C cancels the
/// order being taken, Ctrl-D and `keluar` go back to the barista prompt, and only a supervisor
/// (`spv`, then `tutup-program`) ends the program. On a pipe the end of input ends it.
///
/// ```swift
/// let counter = Counter(actions: actions, prompter: StandardPrompter(), printing: printing)
/// let status = counter.run()   // 0, or 1 when input ended with an unpaid order open
/// ```
public final class Counter {
    let actions: CafeActions
    let prompter: any Prompter
    let catalog: Catalog
    let view: OrderView
    /// Sends slips in the background; `nil` runs the counter without printing at all.
    let printing: BackgroundPrinting?
    /// Called after each committed order; never able to undo the commit.
    let onCommitted: (RecordedOrder) -> Void
    var toldNoPrinter = false
    /// The numbers of the orders this counter confirmed, newest last.
    var recentOrders: [Int] = []

    public init(
        actions: CafeActions, prompter: any Prompter, printing: BackgroundPrinting? = nil,
        onCommitted: @escaping (RecordedOrder) -> Void = { _ in }
    ) {
        self.actions = actions
        self.prompter = prompter
        self.catalog = Catalog(language: actions.config.cafe.language, surface: .counter, calendar: actions.config.cafe.calendar)
        self.view = OrderView(catalog: catalog)
        self.printing = printing
        self.onCommitted = onCommitted
    }

    var database: AppDatabase { actions.database }
    var settings: CafeSettings { actions.config.cafe }
    var clock: any WallClock { actions.clock }

    /// How the barista prompt, an order or supervisor mode ended. `switchBarista` goes back to
    /// the barista prompt, as supervisor mode always does once a supervisor was in it.
    enum Outcome { case next, switchBarista, quit, endProgram, inputEnded(unpaid: Bool) }

    /// Set when the kiosk started the counter again after a crash: it says so first.
    public var restartedAfterCrash = false
    /// Whether this counter may register the first supervisor and barista. A kiosk's counter
    /// may not: whoever sits at it first would become the admin.
    public var setUpAllowed = true

    /// Runs until the person (or, at a terminal, a supervisor) ends it, or input ends.
    ///
    /// - Returns: the exit status: 0, or 1 when input ended in the middle of an order or the
    ///   counter could not start.
    public func run() -> Int32 {
        let status = session()
        if let printing {
            // Slips still on their way get the time their deadline allows, then are reported.
            printing.finish()
            reportPrinting()
        }
        return status
    }

    /// Shows the person any slip that did not print since the last prompt: one line each.
    func reportPrinting() {
        guard let printing else { return }
        for outcome in printing.takeOutcomes() where outcome.status == .failed {
            prompter.show(catalog.slipNotPrinted(outcome))
        }
    }

    /// Reports printing, then asks.
    func ask(_ prompt: String, history: [String] = [], idleAfter: TimeInterval? = nil) -> PromptResult {
        reportPrinting()
        return prompter.read(prompt: prompt, history: history, idleAfter: idleAfter)
    }

    func session() -> Int32 {
        if restartedAfterCrash { prompter.show(catalog.restartedAfterCrash) }
        prompter.show("Kasir — \(settings.name)")
        for problem in printing?.worker.templateProblems ?? [] { prompter.show(catalog.describe(problem)) }
        prompter.show(catalog.counterWelcome)
        do {
            while try !database.hasSupervisors() || !database.allStaff().contains(where: { $0.role == .barista }) {
                if setUpAllowed {
                    guard firstRun() else { return 1 }
                    break
                }
                // A kiosk waits for the café to be set up from an officer's terminal.
                prompter.show(catalog.counterNotSetUp)
                guard prompter.isTerminal else { return 1 }
                if case .terminalClosed = ask(catalog.pressEnterToCheckAgain) { return 1 }
            }
        } catch {
            prompter.show(catalog.describe(error))
            return 1
        }
        while true {
            switch askBarista() {
            case .quit, .endProgram: return 0
            case .inputEnded(let unpaid): return unpaid ? 1 : 0
            case .next, .switchBarista: continue
            }
        }
    }

    /// Asks until an active barista's code and that WBP's own PIN are given, then takes their
    /// orders (``CafeActions/takeCounter(_:readPIN:)``).
    func askBarista() -> Outcome {
        while true {
            let text: String
            switch ask(catalog.baristaPrompt) {
            case .endOfInput:
                if prompter.isTerminal { continue }
                return .inputEnded(unpaid: false)
            case .terminalClosed: return .inputEnded(unpaid: false)
            case .interrupted, .idle: continue
            case .line(let line): text = line.trimmingCharacters(in: .whitespaces)
            }
            if text.isEmpty { continue }
            do {
                let input = try CounterGrammar.order(text, lines: 0)
                switch input {
                case .quit:
                    if !prompter.isTerminal { return .quit }
                    prompter.show(catalog.onlySupervisorEndsTheProgram)
                    continue
                case .help:
                    prompter.show(catalog.baristaPromptHelp)
                    continue
                case .supervisor:
                    switch supervisorMode() {
                    case .endProgram: return .endProgram
                    case .inputEnded(let unpaid): return .inputEnded(unpaid: unpaid)
                    default: continue
                    }
                case .reprint(let number):
                    reprint(number, askedBy: "counter")
                    continue
                default: break
                }
            } catch {}
            do {
                // Whoever takes the counter gives their own PIN: orders, items and skills are
                // credited to the WBP who typed it, not to any code someone knows.
                guard let member = try actions.takeCounter(text, readPIN: { code in prompter.readSecret(prompt: catalog.pinPrompt(code)) })
                else { continue }   // no PIN line: the next read finds the end of input
                var outcome = Outcome.next
                while case .next = outcome { outcome = takeOrder(server: member) }
                switch outcome {
                case .switchBarista, .next: continue
                case .quit:
                    if prompter.isTerminal { continue }
                    return .quit
                case .endProgram, .inputEnded: return outcome
                }
            } catch {
                prompter.show(catalog.describe(error))
            }
        }
    }

    /// A copy of receipt `number` of today: printed, or shown when there is no printer.
    func reprint(_ number: Int, askedBy: String) {
        do {
            _ = try actions.reprint(number: number, askedBy: askedBy, tillOnly: true)
            guard let printing else { return }
            if printing.worker.hasPrinter {
                printing.wake()
                prompter.show(catalog.copyQueued(number))
            } else if let order = try database.order(day: settings.calendar.day(of: clock.now()), number: number) {
                // The copy says when it was made, as a printed one does.
                prompter.show(try printing.worker.renderer.render(order, kind: .receiptCopy, reprintedAt: clock.now(), mode: .text).text)
            }
        } catch {
            prompter.show(catalog.describe(error))
        }
    }

    /// Starts the slips of a committed order on their way; without a printer, shows them: the
    /// receipt, and the bar ticket when the café uses them (the bar reads it off the screen).
    func slipsCommitted(for order: RecordedOrder) {
        guard let printing else { return }
        printing.wake()
        guard !printing.worker.hasPrinter else { return }
        if !toldNoPrinter {
            prompter.show(catalog.noPrinterSlipsShownOnScreen)
            toldNoPrinter = true
        }
        do {
            for kind in settings.printer.slipsPerOrder { prompter.show(try printing.worker.screenText(order, kind: kind)) }
        } catch {
            prompter.show(catalog.describe(error))
        }
    }

    /// Asks y/n; `nil` at end of input.
    func confirm(_ question: String) -> Bool? {
        while true {
            let answer: String
            switch ask(question) {
            case .line(let line): answer = line
            case .interrupted: return false
            case .endOfInput, .idle, .terminalClosed: return nil
            }
            switch answer.trimmingCharacters(in: .whitespaces).lowercased() {
            case "y", "ya", "yes", "": return true
            case "n", "t", "tidak", "no": return false
            default: prompter.show(catalog.answerYesOrNo)
            }
        }
    }
}
