import Foundation
import KasirActions
import KasirMessages
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
/// spv S1> refund 3 2:1 dingin      refund one unit of line 2 of order 3 (no lines: all of it);
///                                  a closed till's order or `qris-tunai` asks "Petugas kedua:" first
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
/// Supervisor mode ends by itself, and says so, at whichever comes first: the security policy's
/// idle time since the last act, or its cap since the PIN that opened it. An act is a command
/// carried out without an error, other than `?`; an empty line, a key, an unknown or refused
/// line, or a PIN is none, so none of them keeps the mode open. The injected clock decides on
/// every line read (a pipe has no keyboard to time); at a terminal the prompt also gives up
/// when that moment comes. Every money act (``DeskInput/isMoneyAct``) asks the supervisor's PIN
/// again, inside the mode too; a refused PIN (journaled before it is shown, by the gate) ends
/// the mode. However it ends, it ends at the barista prompt (the operator guide: `selesai`
/// goes back to the barista screen), also when it was called from inside an order: that order
/// is dropped, as `ganti` drops it.
extension Counter {
    /// Asks for a supervisor's code and PIN; `nil` when refused (the reason is shown).
    func supervisorSignIn() -> Approver? {
        guard case .line(let answer) = ask(catalog.supervisorCodePrompt) else { return nil }
        let gate = SupervisorGate(database: database, clock: clock)
        do {
            let approver = try gate.require(answer.trimmingCharacters(in: .whitespaces)) { code in
                prompter.readSecret(prompt: catalog.pinPrompt(code))
            }
            // Wrong PINs since their last sign-in, a weak PIN: said once, here.
            for line in catalog.signInNotice(approver.code, approver.notice) { prompter.show(line) }
            return approver
        } catch {
            prompter.show(catalog.describe(error))
            return nil
        }
    }

    /// Runs supervisor mode until `selesai`, Ctrl-D, the idle time, its cap, a refused PIN, or
    /// `tutup-program`.
    ///
    /// - Returns: `.next` when no supervisor got in (the person stays where they were);
    ///   `.switchBarista` when supervisor mode ran and ended; `.endProgram`, `.inputEnded`.
    func supervisorMode() -> Outcome {
        guard let approver = supervisorSignIn() else { return .next }
        let idle: TimeInterval, cap: TimeInterval
        do {
            let policy = try database.securityPolicy()
            idle = policy.supervisorIdle
            cap = policy.supervisorSessionCap
        } catch {
            prompter.show(catalog.describe(error))
            return .next
        }
        prompter.show(catalog.supervisorModeStarted(approver.code))
        let signedIn = clock.now()
        var lastAct = signedIn
        /// What is said when the mode ends by the clock: the cap when it comes first.
        func ended() -> String {
            signedIn.addingTimeInterval(cap) <= lastAct.addingTimeInterval(idle)
                ? catalog.supervisorModeCapped(seconds: Int(cap)) : catalog.supervisorModeIdle(seconds: Int(idle))
        }
        while true {
            let input: String
            let left = min(signedIn.addingTimeInterval(cap), lastAct.addingTimeInterval(idle)).timeIntervalSince(clock.now())
            switch ask(catalog.supervisorPrompt(approver.code), idleAfter: prompter.isTerminal ? max(left, 0) : nil) {
            case .line(let line): input = line
            case .interrupted: continue
            case .idle:
                prompter.show(ended())
                return .switchBarista
            case .endOfInput:
                if prompter.isTerminal { return .switchBarista }
                return .inputEnded(unpaid: false)
            case .terminalClosed: return .inputEnded(unpaid: false)
            }
            // Whatever the line is, the clock decides first: a line read late does nothing.
            let now = clock.now()
            if now.timeIntervalSince(signedIn) > cap || now.timeIntervalSince(lastAct) > idle {
                prompter.show(ended())
                return .switchBarista
            }
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
                    var by = approver
                    var second: Approver?
                    // A refund that needs a second supervisor (a closed till's order, QRIS paid
                    // back in cash) asks who, and checks them, before any PIN.
                    var secondCode: String?
                    if case .refund(let number, let picks, let qrisAsCash, _) = command,
                        actions.refundNeedsSecondSupervisor(number: number, picks: picks, qrisAsCash: qrisAsCash) != nil
                    {
                        var typed: String?
                        if case .line(let answer) = ask(catalog.secondSupervisorPrompt) {
                            let code = answer.trimmingCharacters(in: .whitespaces)
                            typed = code.isEmpty ? nil : code
                        }
                        try actions.checkRefundApprovers(number: number, picks: picks, qrisAsCash: qrisAsCash, first: approver.code, second: typed)
                        secondCode = typed
                    }
                    if command.isMoneyAct {
                        let gate = SupervisorGate(database: database, clock: clock)
                        do {
                            by = try gate.require(approver.code) { code in
                                prompter.readSecret(prompt: catalog.pinPrompt(code))
                            }
                            if let secondCode {
                                let other = try gate.require(secondCode) { code in
                                    prompter.readSecret(prompt: catalog.pinPrompt(code))
                                }
                                for line in catalog.signInNotice(other.code, other.notice) { prompter.show(line) }
                                second = other
                            }
                        } catch let refusal as AccessError {
                            // Whoever typed a wrong PIN may not be the supervisor who signed in;
                            // a second supervisor's refused PIN ends the mode as well.
                            prompter.show(catalog.describe(refusal))
                            prompter.show(catalog.supervisorModeEndedByRefusedPIN)
                            return .switchBarista
                        }
                    }
                    try perform(command, by: by, second: second)
                    if command != .help { lastAct = clock.now() }
                }
            } catch {
                prompter.show(catalog.describe(error))
            }
        }
    }

    /// Carries out one act; `second` is the second supervisor a refund may need.
    func perform(_ command: DeskInput, by approver: Approver, second: Approver? = nil) throws {
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
            let (refund, slip) = try actions.refund(number: number, picks: picks, qrisAsCash: qrisAsCash, reason: reason, by: approver,
                                                    second: second)
            prompter.show(catalog.refunded(refund))
            printed(slip)
        case .cash(let direction, let amount, let reason):
            try actions.moveCash(direction, amount: amount, reason: reason, by: approver)
            prompter.show(catalog.cashMoved(direction, amount: amount, by: approver.code))
        case .noSale(let reason):
            let kicked = try actions.noSale(reason: reason, by: approver)
            if kicked { printing?.wake() }
            prompter.show(catalog.drawerOpened(by: approver.code, kicked: kicked))
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

extension DeskInput {
    /// Whether the act moves money or opens the drawer: a void, a refund, a pay-in or pay-out,
    /// a no-sale, the close. Each asks the supervisor's PIN at the moment of the act, inside
    /// supervisor mode too. Every case is named, so a new one is a decision.
    var isMoneyAct: Bool {
        switch self {
        case .void, .refund, .cash, .noSale, .close: return true
        case .done, .help, .x, .duty, .endProgram, .open, .clockIn, .clockOut, .breakStart, .breakEnd, .recount, .availability,
             .note, .reprint:
            return false
        }
    }
}
