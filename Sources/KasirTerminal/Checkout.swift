import Foundation
import KasirMessages
import KasirCore
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
                case .qris(let amount, _): return sum + amount
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
                switch try CounterGrammar.tender(text, remaining: remaining) {
                case nil: return .back
                case let tender?:
                    if case .qris(let amount, let reference) = tender {
                        if amount > remaining { throw OrderError.nonCashExceedsDue(due: remaining, paid: amount) }
                        // A used reference is refused as it is typed, not after the order is
                        // confirmed; the commit checks again for one saved meanwhile elsewhere.
                        if try database.qrisReferenceUsed(reference) { throw OrderError.referenceAlreadyUsed(reference) }
                    }
                    tenders.append(tender)
                }
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
