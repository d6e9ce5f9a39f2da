import Foundation
import KasirActions
import KasirCatalog
import KasirCore
import KasirStore

/// The supervisor's acts at the counter, each through the same ``CafeActions`` the command
/// line uses, after the supervisor's own PIN.
///
/// ```
/// spv            → Kode petugas: S1, PIN: ******
/// spv S1> buka 200000              open the till with a float
/// spv S1> masuk W01 bar            clock a WBP in (pulang W01, istirahat W01, lanjut W01)
/// spv S1> batal 3 salah input      void order 3
/// spv S1> refund 3 2:1 dingin      refund one unit of line 2 of order 3 (no lines: all of it)
/// spv S1> kas keluar 20000 beli es pay out (kas masuk … pays in)
/// spv S1> laci tukar uang          open the drawer without a sale
/// spv S1> habis PGR / ada PGR      sold out / back
/// spv S1> catatan W01 rapi         a coaching note
/// spv S1> x                        X report
/// spv S1> tutup 100000x2,50000x1   blind close, then the Z report (hitung … recounts after)
/// spv S1> tugas                    take over the duty
/// spv S1> selesai                  back to the counter (tutup-program ends the program)
/// ```
///
/// Supervisor mode ends by itself after the security policy's idle time, and says so; any
/// money act after that needs the PIN again. However it ends, it ends at the barista prompt
/// (the operator guide: `selesai` goes back to the barista screen), also when it was called
/// from inside an order: that order is dropped, as `ganti` drops it.
extension Counter {
    /// Asks for a supervisor's code and PIN; `nil` when refused (the reason is shown).
    func supervisorSignIn() -> Approver? {
        guard case .line(let answer) = ask(catalog.supervisorCodePrompt) else { return nil }
        let gate = SupervisorGate(database: database, clock: clock)
        do {
            return try gate.require(answer.trimmingCharacters(in: .whitespaces)) { code in
                prompter.readSecret(prompt: catalog.pinPrompt(code))
            }
        } catch {
            prompter.show(catalog.describe(error))
            return nil
        }
    }

    /// Runs supervisor mode until `selesai`, Ctrl-D, the idle time, or `tutup-program`.
    ///
    /// - Returns: `.next` when no supervisor got in (the person stays where they were);
    ///   `.switchBarista` when supervisor mode ran and ended; `.endProgram`, `.inputEnded`.
    func supervisorMode() -> Outcome {
        guard let approver = supervisorSignIn() else { return .next }
        let idle: TimeInterval
        do { idle = try database.securityPolicy().supervisorIdle } catch {
            prompter.show(catalog.describe(error))
            return .next
        }
        prompter.show(catalog.supervisorModeStarted(approver.code))
        var lastActivity = clock.now()
        while true {
            let input: String
            switch ask(catalog.supervisorPrompt(approver.code), idleAfter: prompter.isTerminal ? idle : nil) {
            case .line(let line): input = line
            case .interrupted: continue
            case .idle:
                prompter.show(catalog.supervisorModeIdle(seconds: Int(idle)))
                return .switchBarista
            case .endOfInput:
                if prompter.isTerminal { return .switchBarista }
                return .inputEnded(unpaid: false)
            case .terminalClosed: return .inputEnded(unpaid: false)
            }
            // A piped session has no keyboard to time: the clock between lines decides.
            if clock.now().timeIntervalSince(lastActivity) > idle {
                prompter.show(catalog.supervisorModeIdle(seconds: Int(idle)))
                return .switchBarista
            }
            lastActivity = clock.now()
            do {
                guard let command = try CounterGrammar.desk(input, denominations: settings.denominations) else {
                    if let word = input.split(separator: " ").first { prompter.show(catalog.unknownSupervisorCommand(String(word))) }
                    continue
                }
                switch command {
                case .done: return .switchBarista
                case .endProgram:
                    prompter.show(catalog.programEnded(by: approver.code))
                    return .endProgram
                default:
                    try perform(command, by: approver)
                }
            } catch {
                prompter.show(catalog.describe(error))
            }
        }
    }

    func perform(_ command: DeskInput, by approver: Approver) throws {
        switch command {
        case .done, .endProgram: break
        case .help: prompter.show(HelpLayout.table(catalog.supervisorHelp, columns: prompter.columns))
        case .open(let float):
            let till = try actions.openTill(float: float, count: nil, by: approver)
            prompter.show(catalog.tillOpened(till.id, float: float, by: approver.code))
        case .clockIn(let code, let station):
            let at = try actions.clockIn(code, station: station, by: approver)
            prompter.show(catalog.clockedIn(code, station: station, at: at))
        case .clockOut(let code):
            let at = try actions.clockOut(code, by: approver)
            prompter.show(catalog.clockedOut(code, at: at))
        case .breakStart(let code):
            try actions.setBreak(code, starting: true, by: approver)
            prompter.show(catalog.breakStarted(code))
        case .breakEnd(let code):
            try actions.setBreak(code, starting: false, by: approver)
            prompter.show(catalog.breakEnded(code))
        case .void(let number, let reason):
            let order = try actions.voidOrder(number: number, reason: reason, by: approver)
            prompter.show(catalog.orderVoided(number, by: approver.code, payments: order.payments))
        case .refund(let number, let picks, let qrisAsCash, let reason):
            let (refund, slip) = try actions.refund(number: number, picks: picks, qrisAsCash: qrisAsCash, reason: reason, by: approver)
            prompter.show(catalog.refunded(refund))
            printed(slip)
        case .cash(let direction, let amount, let reason):
            try actions.moveCash(direction, amount: amount, reason: reason, by: approver)
            prompter.show(catalog.cashMoved(direction, amount: amount, by: approver.code))
        case .noSale(let reason):
            try actions.noSale(reason: reason, by: approver)
            printing?.wake()
            prompter.show(catalog.drawerOpened(by: approver.code))
        case .duty:
            try actions.takeOverDuty(by: approver)
            prompter.show(catalog.onDuty(approver.code))
        case .x:
            printed(try actions.xReport().text, always: true)
        case .close(let count):
            // Blind: the count is confirmed and committed first; the expected cash only after.
            guard try database.openTill() != nil else { throw TillError.noOpenTill }
            // A WBP left clocked in keeps accruing hours after the café closes: named before
            // the count is confirmed, so the supervisor can say no and clock them out first.
            let clockedIn = try database.openAttendance()
            if !clockedIn.isEmpty { prompter.show(catalog.stillClockedIn(clockedIn)) }
            guard confirm(catalog.countConfirmation(count.total)) == true else {
                prompter.show(catalog.countNotRecorded)
                return
            }
            let outcome = try actions.closeTill(count: count, by: approver)
            prompter.show(catalog.tillClosed(outcome.report))
            switch outcome.backup {
            case .success(let path): prompter.show(catalog.backupWritten(path.path))
            case .failure(let error): prompter.show(catalog.backupFailed(error))
            }
            printed(outcome.text, always: true)
        case .recount(let count):
            let outcome = try actions.recount(count: count, by: approver)
            prompter.show(catalog.recounted(outcome.counted, expected: outcome.expected, till: outcome.report.session.id))
            printed(outcome.text, always: true)
        case .availability(let item, let available):
            try actions.setAvailability(of: item, available: available, by: approver)
            prompter.show(catalog.availabilitySet(item, available: available))
        case .note(let code, let text):
            try actions.addNote(about: code, text: text, by: approver)
            prompter.show(catalog.noteRecorded(code))
        case .reprint(let number):
            reprint(number, askedBy: approver.code)
        }
    }

    /// Wakes the printer for a slip just queued; shows its text when there is no printer (or `always`).
    func printed(_ text: String, always: Bool = false) {
        printing?.wake()
        if always || printing?.worker.hasPrinter != true { prompter.show(text) }
    }
}
