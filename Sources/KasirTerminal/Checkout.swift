import Foundation
import KasirActions
import KasirMessages
import KasirCore
import KasirPrint
import KasirStore

extension Counter {
    /// `ended`: a fault ended the order, and said so.
    enum PaymentOutcome { case committed, back, cancelled, ended, inputEnded }

    /// Collects tenders until the total is covered (none for a complimentary order), confirms,
    /// and commits.
    func pay(_ draft: OrderDraft) -> PaymentOutcome {
        let totals = draft.totals(settings.pricing)
        prompter.show(view.totals(totals, tax: settings.pricing.tax, serviceCharge: settings.pricing.serviceCharge).joined(separator: "\n"))
        if totals.total == .zero { prompter.show(catalog.complimentaryNoPayment) }
        var tenders: [Tender] = []
        while true {
            let paid = tenders.reduce(Rupiah.zero) { sum, tender in
                switch tender {
                case .cash(let tendered): return sum + tendered
                case .qris(let amount, _, _): return sum + amount
                }
            }
            let remaining = totals.total - paid
            if remaining <= .zero {
                do {
                    let checkout = try draft.checkout(pricing: settings.pricing, tenders: tenders)
                    if !checkout.payments.isEmpty { prompter.show(view.payments(checkout.payments).joined(separator: "\n")) }
                } catch {
                    prompter.show(catalog.describe(error))
                    if tenders.isEmpty { return .back }
                    tenders.removeLast()
                    continue
                }
                switch confirm(catalog.saveOrderQuestion) {
                case nil: return .inputEnded
                case false?: return .back
                case true?: break
                }
                return commit(draft, tenders: tenders)
            }
            let text: String
            switch ask(catalog.paymentPrompt(remaining: remaining, first: paid == .zero)) {
            case .line(let line): text = line.trimmingCharacters(in: .whitespaces)
            case .interrupted: return .cancelled
            case .endOfInput:
                if prompter.isTerminal { return .back }
                return .inputEnded
            case .terminalClosed: return .inputEnded
            case .idle: continue
            }
            if text.isEmpty { continue }
            do {
                switch try CounterGrammar.payment(text, remaining: remaining) {
                case .back: return .back
                case .tender(let tender):
                    if case .qris(let amount, let reference, _) = tender {
                        if amount > remaining { throw OrderError.nonCashExceedsDue(due: remaining, paid: amount) }
                        try database.checkTypedQRISReference(reference)
                    }
                    tenders.append(tender)
                case .qrisCode(let amount):
                    if amount > remaining { throw OrderError.nonCashExceedsDue(due: remaining, paid: amount) }
                    switch try payByQRISCode(amount: amount) {
                    case .paid(let tender): tenders.append(tender)
                    case .withdrawn: break
                    case .inputEnded: return .inputEnded
                    }
                }
            } catch {
                prompter.show(catalog.describe(error))
            }
        }
    }

    /// How paying by a QRIS code with the amount in it ended.
    enum QRISCodeOutcome { case paid(Tender), withdrawn, inputEnded }

    /// Asks for a QRIS code with `amount` in it (``CafeActions/requestQRIS(amount:terminal:)``,
    /// which queues its "Tagihan QRIS" slip), shows it where the customer can scan it, then
    /// asks for the reference their app shows once they have paid.
    ///
    /// The code is shown on the screen when it fits whole, and always on a pipe (its
    /// transcript keeps it; a pipe has no height). Where it can be neither shown nor printed,
    /// nothing is asked: the person is told so and is back at the payment prompt.
    ///
    /// - Returns: the QRIS tender with its reference and the code, recorded with the order when
    ///   it is committed; `.withdrawn` when no code could be shown or the person went back.
    func payByQRISCode(amount: Rupiah) throws -> QRISCodeOutcome {
        let bill = try actions.requestQRIS(amount: amount)
        // The slip carries the code only from an ESC/POS printer the counter sends slips to.
        let onSlip = bill.printsCode && printing != nil
        if onSlip { printing?.wake() }
        let screen = QRScreen(try QRMatrix(bill.payload))
        // The heading, the line saying where to scan and the prompt take a line each, and a
        // line as wide as the screen would wrap: the code needs what is left.
        let reserved = (rows: 4, columns: 1)
        let onScreen = prompter.terminalSize.map { screen.fits(rows: $0.rows - reserved.rows, columns: $0.columns - reserved.columns) } ?? true
        prompter.show(catalog.qrisBillHeading(amount: bill.amount, billNumber: bill.billNumber))
        if onScreen { prompter.show(screen.lines.joined(separator: "\n")) }
        prompter.show(catalog.qrisCodeWhere(
            onScreen: onScreen, onSlip: onSlip, rows: screen.height + reserved.rows, columns: screen.width + reserved.columns))
        guard onScreen || onSlip else { return .withdrawn }
        while true {
            let text: String
            switch ask(catalog.qrisReferencePrompt) {
            case .line(let line): text = line.trimmingCharacters(in: .whitespaces)
            case .interrupted:
                prompter.show(catalog.qrisCodeWithdrawn)
                return .withdrawn
            case .endOfInput:
                guard prompter.isTerminal else { return .inputEnded }
                prompter.show(catalog.qrisCodeWithdrawn)
                return .withdrawn
            case .terminalClosed: return .inputEnded
            case .idle: continue
            }
            // An Enter pressed by mistake does not throw the code away.
            if text.isEmpty { continue }
            do {
                guard let reference = try CounterGrammar.qrisReference(text) else {
                    prompter.show(catalog.qrisCodeWithdrawn)
                    return .withdrawn
                }
                try database.checkTypedQRISReference(reference)
                return .paid(bill.tender(reference: reference))
            } catch {
                prompter.show(catalog.describe(error))
            }
        }
    }

    /// Records the order; a refusal sends the person back to the order, a fault ends it.
    func commit(_ draft: OrderDraft, tenders: [Tender]) -> PaymentOutcome {
        do {
            let order = try actions.sell(draft, tenders: tenders, slips: printing == nil ? [] : nil)
            prompter.show(catalog.orderSaved(number: order.number, change: order.change))
            recentOrders.append(order.number)
            if recentOrders.count > 5 { recentOrders.removeFirst(recentOrders.count - 5) }
            slipsCommitted(for: order)
            prompter.show(catalog.recentOrders(recentOrders.reversed()))
            onCommitted(order)
            return .committed
        } catch let error where ErrorNature(of: error) == .fault {
            prompter.show(catalog.orderEndedByFault(error))
            return .ended
        } catch {
            prompter.show(catalog.describe(error))
            return .back
        }
    }
}
