import Foundation
import KasirActions
import KasirMessages
import KasirCore
import KasirStore

extension Counter {
    /// Takes one order from first item to commit or cancel.
    func takeOrder(server: StaffMember) -> Outcome {
        var draft = OrderDraft(serverCode: server.code)
        var typed: [String] = []
        prompter.show(catalog.newOrder(alias: server.alias, code: server.code, type: draft.type))
        while true {
            let input: String
            switch ask("> ", history: typed) {
            case .line(let line): input = line
            case .interrupted:
                prompter.show(catalog.orderCancelled)
                return .next
            case .endOfInput:
                if prompter.isTerminal {
                    if !draft.lines.isEmpty { prompter.show(catalog.orderCancelled) }
                    return .switchBarista
                }
                return inputEnded(draft)
            case .terminalClosed: return inputEnded(draft)
            case .idle: continue
            }
            let text = input.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            typed.append(text)
            do {
                // Menu availability can change while the counter runs (habis / ada).
                let menu = try currentMenu()
                switch try CounterGrammar.order(text, lines: draft.lines.count) {
                case .help: prompter.show(HelpLayout.table(catalog.orderHelp, columns: prompter.columns))
                case .menu: prompter.show(menuList(menu))
                case .view: showDraft(draft)
                case .remove(let number):
                    let (line, withdrawn) = try draft.removeLine(number)
                    prompter.show(catalog.lineRemoved(quantity: line.quantity, name: line.itemName))
                    if withdrawn { prompter.show(catalog.orderDiscountWithdrawn) }
                    showTotal(draft)
                case .note(let note):
                    try draft.setNote(note)
                    prompter.show(catalog.noteSet(draft.note))
                case .type(let type):
                    draft.type = type
                    prompter.show(catalog.typeName(type))
                case .cancel:
                    prompter.show(catalog.orderCancelled)
                    return .next
                case .switchBarista:
                    if !draft.lines.isEmpty { prompter.show(catalog.orderCancelled) }
                    return .switchBarista
                case .quit:
                    if !draft.lines.isEmpty { prompter.show(catalog.orderCancelled) }
                    return prompter.isTerminal ? .switchBarista : .quit
                case .supervisor:
                    switch supervisorMode() {
                    case .endProgram:
                        if !draft.lines.isEmpty { prompter.show(catalog.orderCancelled) }
                        return .endProgram
                    case .inputEnded: return inputEnded(draft)
                    case .switchBarista:
                        // Supervisor mode ends at the barista prompt, as the operator guide
                        // says; the order being taken is dropped there, as `ganti` drops it.
                        if !draft.lines.isEmpty { prompter.show(catalog.orderCancelled) }
                        return .switchBarista
                    default: break
                    }
                case .reprint(let number):
                    reprint(number, askedBy: server.code)
                case .discount(let line, let discount, let reason):
                    // What is asked is checked on a copy before the PIN: a line that is not
                    // there is refused on its own line, and no PIN approves it.
                    var trial = draft
                    try trial.applyDiscount(discount, line: line, approval: Approval(supervisorCode: "", reason: reason, at: clock.now()))
                    guard let approver = supervisorSignIn() else { continue }
                    try draft.applyDiscount(discount, line: line, approval: Approval(supervisorCode: approver.code, reason: reason, at: clock.now()))
                    prompter.show(catalog.discountApproved(draft.approvals.last!.amount, detail: discount.formatted, line: line, by: approver.code))
                    showTotal(draft)
                case .priceOverride(let line, let price, let reason):
                    var trial = draft
                    try trial.overridePrice(price, line: line, approval: Approval(supervisorCode: "", reason: reason, at: clock.now()))
                    guard let approver = supervisorSignIn() else { continue }
                    try draft.overridePrice(price, line: line, approval: Approval(supervisorCode: approver.code, reason: reason, at: clock.now()))
                    prompter.show(catalog.priceApproved(line: line, price: price, by: approver.code))
                    showTotal(draft)
                case .pay:
                    guard !draft.lines.isEmpty else { throw OrderError.emptyOrder }
                    switch pay(draft) {
                    case .committed, .ended: return .next
                    case .back: showDraft(draft)
                    case .cancelled:
                        prompter.show(catalog.orderCancelled)
                        return .next
                    case .inputEnded: return inputEnded(draft)
                    }
                case .item(let spec, let maker):
                    try addItem(spec, maker: maker, to: &draft, menu: menu)
                }
            } catch let error where ErrorNature(of: error) == .fault {
                // Not something the person typed: the order cannot go on, the counter can.
                prompter.show(catalog.orderEndedByFault(error))
                return .next
            } catch {
                prompter.show(catalog.describe(error))
            }
        }
    }

    /// Says so when input ends with an unpaid order open (nothing of it was written).
    func inputEnded(_ draft: OrderDraft) -> Outcome {
        if !draft.lines.isEmpty { prompter.show(catalog.inputEndedUnpaid) }
        return .inputEnded(unpaid: !draft.lines.isEmpty)
    }

    /// Adds an item, made by `maker` when another barista makes it.
    ///
    /// The maker is checked as the commit will check them (active, a valid decree, clocked in,
    /// not on a break), when typed: a line is not credited to someone who may not make it. The
    /// first time an order names another maker, that WBP gives their own PIN, as the server
    /// did to take the counter: items and skills are credited only to whoever typed theirs.
    func addItem(_ spec: ItemSpec, maker: String?, to draft: inout OrderDraft, menu: Menu) throws {
        if let maker, maker != draft.serverCode {
            try database.checkCanServe(maker, on: settings.calendar.day(of: clock.now()))
            if !draft.lines.contains(where: { $0.makerCode == maker }) {
                guard try actions.takeCounter(maker, readPIN: { code in prompter.readSecret(prompt: catalog.pinPrompt(code)) }) != nil
                else { return }
            }
        }
        let line = try OrderLine(spec: spec, menu: menu, makerCode: maker == draft.serverCode ? nil : maker)
        try draft.add(line)
        let number = draft.lines.firstIndex { $0.itemCode == line.itemCode && $0.modifiers == line.modifiers && $0.makerCode == line.makerCode }! + 1
        prompter.show(view.line(draft.lines[number - 1], number: number, showMaker: true).joined(separator: "\n"))
        showTotal(draft)
    }

    func showTotal(_ draft: OrderDraft) {
        let count = draft.lines.reduce(0) { $0 + $1.quantity }
        prompter.show(view.row(catalog.orderTotalLabel(items: count), draft.totals(settings.pricing).total.formatted))
    }

    func showDraft(_ draft: OrderDraft) {
        var rows = [catalog.typeName(draft.type) + (draft.note.map { " · " + $0 } ?? "")]
        for (index, line) in draft.lines.enumerated() {
            rows += view.line(line, number: index + 1, showMaker: true)
        }
        if draft.lines.isEmpty { rows.append(catalog.emptyOrder) }
        rows += view.totals(draft.totals(settings.pricing), tax: settings.pricing.tax, serviceCharge: settings.pricing.serviceCharge)
        prompter.show(rows.joined(separator: "\n"))
    }

    func menuList(_ menu: Menu) -> String {
        var rows: [String] = []
        for category in menu.categories {
            let items = menu.items.filter { $0.category == category.code }
            guard !items.isEmpty else { continue }
            rows.append(category.name)
            for item in items {
                let number = menu.number(of: item) ?? 0
                let label = "\(number < 10 ? " " : "")\(number) \(item.code.padding(toLength: 5, withPad: " ", startingAt: 0)) \(item.name)"
                rows.append(view.row(label, item.available ? item.price.formatted : catalog.soldOut))
            }
        }
        let groups = menu.modifierGroups.map(catalog.modifierLine)
        return (rows + [catalog.modifiersHeading] + groups).joined(separator: "\n")
    }

    /// The menu as people order from it (``CafeActions/menuAsTyped()``).
    func currentMenu() throws -> Menu {
        try actions.menuAsTyped()
    }
}
