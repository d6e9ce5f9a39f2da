import Foundation
import GRDB
import KasirCore
@testable import KasirStore

/// Journal snapshots built as values, apart from the one writer (``SnapshotWriter``): the
/// reference the tests hold the writer to, byte for byte. Nothing in Sources builds a
/// snapshot this way.
enum SnapshotOracle {
    /// The snapshot of the row of `table` with `key`, from GRDB's `Row`s: its columns less
    /// the omitted ones, the personal fields as salted digests, the PIN hash as a digest, and
    /// each child's rows under its name.
    static func fromRows(_ db: Database, table: JournaledTable, key: JournalKey) throws -> CanonicalJSON? {
        let argument: any DatabaseValueConvertible = {
            switch key {
            case .integer(let value): return value
            case .text(let value): return value
            }
        }()
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM \(table.name) WHERE \(table.key) = ?", arguments: [argument]) else { return nil }
        var object = columns(row, omitting: table.omitted.union(table.personal))
        let salt: String? = table.personal.isEmpty ? nil : row[JournaledTable.saltColumn]
        for field in table.personal {
            let value: String? = row[field]
            object[field + "_digest"] = value.map {
                .string(JournaledTable.saltedDigest(salt: Data((salt ?? "").utf8), value: Data($0.utf8)))
            } ?? .null
        }
        if table.pinDigest {
            let hash: String? = row["pin_hash"]
            object["pin_digest"] = hash.map { .string(AppDatabase.sha256Hex(Data($0.utf8))) } ?? .null
        }
        for child in table.children {
            let rows = try Row.fetchAll(
                db, sql: "SELECT \(child.columns) FROM \(child.source) WHERE \(child.parent) = ? ORDER BY \(child.order)", arguments: [argument])
            object[child.name] = .array(rows.map { .object(columns($0)) })
        }
        return .object(object)
    }

    /// Every column of `row` but those named in `omitting`.
    static func columns(_ row: Row, omitting: Set<String> = []) -> [String: CanonicalJSON] {
        var object: [String: CanonicalJSON] = [:]
        for (column, value) in zip(row.columnNames, row.databaseValues) where !omitting.contains(column) {
            switch value.storage {
            case .null: object[column] = .null
            case .int64(let number): object[column] = .integer(number)
            case .double(let number): object[column] = .string(String(number))
            case .string(let text): object[column] = .string(text)
            case .blob(let data): object[column] = .string(data.base64EncodedString())
            }
        }
        return object
    }

    /// The ids the database gave a recorded order's rows and the people and till it names.
    struct OrderIDs {
        var order: Int64
        var server: Int64
        var till: Int64
        var supervisor: Int64
        /// Each line's id and its maker's, by position.
        var lines: [(id: Int64, maker: Int64)]
        var payments: [Int64]
        var removedLines: [Int64]
    }

    /// The snapshot of an order from the values it was recorded with: the draft, its checkout,
    /// the day, number and instant, and the ids of its rows (``JournaledTable/orders``).
    static func order(_ draft: OrderDraft, checkout: Checkout, day: BusinessDay, number: Int, at instant: Date, ids: OrderIDs) -> CanonicalJSON {
        func optional(_ value: Int64?) -> CanonicalJSON { value.map { .integer($0) } ?? .null }
        var lines: [CanonicalJSON] = [], modifiers: [CanonicalJSON] = []
        for (index, line) in draft.lines.enumerated() {
            let (lineID, makerID) = ids.lines[index]
            lines.append(.object([
                "id": .integer(lineID), "order_id": .integer(ids.order), "position": .integer(Int64(index + 1)),
                "item_code": .string(line.itemCode), "item_name": .string(line.itemName), "skill": .string(line.skill),
                "base_price": .integer(line.basePrice.value), "unit_price": .integer(line.unitPrice.value),
                "quantity": .integer(Int64(line.quantity)), "line_total": .integer(line.total.value), "maker_id": .integer(makerID),
                "price_override": optional(line.priceOverride?.value), "discount_amount": .integer(line.discountAmount.value),
                "unit_cost": optional(line.unitCost?.value),
            ]))
            for (position, modifier) in line.modifiers.enumerated() {
                modifiers.append(.object([
                    "line_id": .integer(lineID), "position": .integer(Int64(position + 1)), "group_code": .string(modifier.groupCode),
                    "group_name": .string(modifier.groupName), "option_code": .string(modifier.optionCode),
                    "option_name": .string(modifier.optionName), "price_delta": .integer(modifier.priceDelta.value),
                ]))
            }
        }
        let removed: [CanonicalJSON] = zip(draft.removedLines, ids.removedLines).map { line, id in
            .object([
                "id": .integer(id), "order_id": .integer(ids.order), "item_code": .string(line.itemCode),
                "item_name": .string(line.itemName), "quantity": .integer(Int64(line.quantity)), "unit_price": .integer(line.unitPrice.value),
            ])
        }
        let payments: [CanonicalJSON] = zip(checkout.payments, ids.payments).enumerated().map { position, entry in
            let (payment, id) = entry
            return .object([
                "id": .integer(id), "order_id": .integer(ids.order), "position": .integer(Int64(position + 1)),
                "method": .string(payment.method.rawValue), "amount": .integer(payment.amount.value), "tendered": .integer(payment.tendered.value),
                "change": .integer(payment.change.value), "reference": payment.reference.map { .string($0) } ?? .null,
            ])
        }
        let totals = checkout.totals
        return .object([
            "id": .integer(ids.order), "day": .string(day.description), "number": .integer(Int64(number)),
            "created_at": .string(Timestamp.string(instant)), "type": .string(draft.type.rawValue),
            "note": draft.note.map { .string($0) } ?? .null, "server_id": .integer(ids.server), "status": .string(OrderStatus.paid.rawValue),
            "subtotal": .integer(totals.subtotal.value), "discount": .integer(totals.discount.value),
            "service_charge": .integer(totals.serviceCharge.value), "tax": .integer(totals.tax.value),
            "tax_included": .integer(totals.taxIncluded ? 1 : 0), "rounding": .integer(totals.rounding.value), "total": .integer(totals.total.value),
            "till_id": .integer(ids.till), "supervisor_id": .integer(ids.supervisor),
            "lines": .array(lines), "modifiers": .array(modifiers), "payments": .array(payments), "removed_lines": .array(removed),
        ])
    }
}
