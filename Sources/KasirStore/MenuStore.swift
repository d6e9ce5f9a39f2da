import Foundation
import GRDB
import KasirCore

/// What `kasir menu import` changed.
public struct MenuImportSummary: Hashable, Sendable {
    public var added: [String] = []
    public var repriced: [String] = []
    public var withdrawn: [String] = []
    public var unchanged = 0
}

extension AppDatabase {
    /// Makes the database's menu follow `menu` (from config/menu.toml).
    ///
    /// Items and modifier groups that left the config are kept (items no longer listed), so old
    /// orders still name them and the journal's record of them holds; orders already taken keep
    /// their own prices, whatever the new ones are. Every item or group that changed is journaled.
    ///
    /// - Returns: which items were added, repriced and withdrawn.
    @discardableResult
    public func importMenu(_ menu: Menu, approvedBy approver: String? = nil, at instant: Date) throws -> MenuImportSummary {
        try write { db in
            if let approver { _ = try Self.supervisorID(db, code: approver) }
            var summary = MenuImportSummary()
            let at = Timestamp.string(instant)
            let oldPrices = try Dictionary(
                Row.fetchAll(db, sql: "SELECT code, price, listed FROM menu_items").map { row in
                    (row["code"] as String, (price: row["price"] as Int64, listed: row["listed"] as Bool))
                }, uniquingKeysWith: { first, _ in first })
            func snapshots(_ table: JournaledTable) throws -> [String: String] {
                var result: [String: String] = [:]
                try Self.eachSnapshot(db, of: table) { key, text in result[key.text] = text }
                return result
            }
            let itemsBefore = try snapshots(.menuItems)
            let groupsBefore = try snapshots(.modifierGroups)

            try db.execute(sql: "DELETE FROM menu_item_modifiers; DELETE FROM modifier_options;")
            for (position, category) in menu.categories.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO menu_categories (code, name, position) VALUES (?, ?, ?)
                        ON CONFLICT(code) DO UPDATE SET name = excluded.name, position = excluded.position
                        """, arguments: [category.code, category.name, position])
            }
            for group in menu.modifierGroups {
                try db.execute(
                    sql: """
                        INSERT INTO modifier_groups (code, name, selection, required, default_option) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT(code) DO UPDATE SET name = excluded.name, selection = excluded.selection,
                            required = excluded.required, default_option = excluded.default_option
                        """,
                    arguments: [group.code, group.name, group.selection.rawValue, group.required, group.defaultOption])
                for (position, option) in group.options.enumerated() {
                    try db.execute(
                        sql: "INSERT INTO modifier_options (group_code, code, name, price_delta, position) VALUES (?, ?, ?, ?, ?)",
                        arguments: [group.code, option.code, option.name, option.priceDelta.value, position])
                }
            }
            let listed = Set(menu.items.map(\.code))
            try db.execute(sql: "UPDATE menu_items SET listed = 0, updated_at = ? WHERE listed = 1 AND code NOT IN (\(listed.map { _ in "?" }.joined(separator: ", ")))",
                           arguments: StatementArguments([at] + listed.sorted()))
            for (position, item) in menu.items.enumerated() {
                switch oldPrices[item.code] {
                case nil: summary.added.append(item.code)
                case let old? where old.price != item.price.value: summary.repriced.append(item.code)
                default: summary.unchanged += 1
                }
                try db.execute(
                    sql: """
                        INSERT INTO menu_items (code, name, category_code, price, skill, available, listed, position, updated_at, cost)
                        VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
                        ON CONFLICT(code) DO UPDATE SET name = excluded.name, category_code = excluded.category_code,
                            price = excluded.price, skill = excluded.skill, available = excluded.available,
                            listed = 1, position = excluded.position, updated_at = excluded.updated_at, cost = excluded.cost
                        WHERE name IS NOT excluded.name OR category_code IS NOT excluded.category_code OR price IS NOT excluded.price
                            OR skill IS NOT excluded.skill OR available IS NOT excluded.available OR listed IS NOT 1
                            OR position IS NOT excluded.position OR cost IS NOT excluded.cost
                        """,
                    arguments: [item.code, item.name, item.category, item.price.value, item.skill, item.available, position, at,
                                item.cost?.value])
                for (groupPosition, group) in item.modifierGroups.enumerated() {
                    try db.execute(
                        sql: "INSERT INTO menu_item_modifiers (item_code, group_code, position) VALUES (?, ?, ?)",
                        arguments: [item.code, group, groupPosition])
                }
            }
            summary.withdrawn = oldPrices.filter { $0.value.listed && !listed.contains($0.key) }.map(\.key).sorted()
            try db.execute(sql: "DELETE FROM menu_categories WHERE code NOT IN (SELECT category_code FROM menu_items)")
            if !summary.added.isEmpty || !summary.repriced.isEmpty || !summary.withdrawn.isEmpty {
                try Self.journal(
                    db, kind: "menu_import", actor: approver, subject: nil,
                    payload: ["added": .array(summary.added.map { .string($0) }), "repriced": .array(summary.repriced.map { .string($0) }),
                              "withdrawn": .array(summary.withdrawn.map { .string($0) })],
                    at: instant)
            }
            for (code, text) in try snapshots(.menuItems).sorted(by: { $0.key < $1.key }) where itemsBefore[code] != text {
                try Self.journal(db, kind: "menu_item", actor: approver, subject: code, row: JournalRow(.menuItems, text: code), at: instant)
            }
            for (code, text) in try snapshots(.modifierGroups).sorted(by: { $0.key < $1.key }) where groupsBefore[code] != text {
                try Self.journal(db, kind: "modifier_group", actor: approver, subject: code, row: JournalRow(.modifierGroups, text: code), at: instant)
            }
            return summary
        }
    }

    /// Marks a listed item sold out (`false`) or back (`true`), journaled, without touching menu.toml.
    ///
    /// - Throws: ``OrderError/unknownItem(_:)``.
    public func setAvailability(of code: String, available: Bool, supervisor: String, at instant: Date) throws {
        try write { db in
            _ = try Self.supervisorID(db, code: supervisor)
            guard let item = try String.fetchOne(db, sql: "SELECT code FROM menu_items WHERE code = ? COLLATE NOCASE AND listed = 1", arguments: [code]) else {
                throw OrderError.unknownItem(code.uppercased())
            }
            try db.execute(sql: "UPDATE menu_items SET available = ?, updated_at = ? WHERE code = ?",
                           arguments: [available, Timestamp.string(instant), item])
            try Self.journal(db, kind: available ? "item_available" : "item_sold_out", actor: supervisor, subject: item,
                             row: JournalRow(.menuItems, text: item), at: instant)
        }
    }

    /// The menu as the counter sells it: listed items in display order.
    ///
    /// - Throws: ``StoreError/noMenu`` before the first import.
    public func menu() throws -> Menu {
        let menu = try read { db -> Menu in
            let categories = try Row.fetchAll(db, sql: "SELECT code, name FROM menu_categories ORDER BY position")
                .map { MenuCategory(code: $0["code"], name: $0["name"]) }
            let options = try Row.fetchAll(db, sql: "SELECT * FROM modifier_options ORDER BY group_code, position")
            let groups = try Row.fetchAll(db, sql: "SELECT * FROM modifier_groups ORDER BY code").map { row in
                let code: String = row["code"]
                return ModifierGroup(
                    code: code, name: row["name"],
                    selection: ModifierGroup.Selection(rawValue: row["selection"]) ?? .single,
                    required: row["required"], defaultOption: row["default_option"],
                    options: options.filter { $0["group_code"] == code }.map {
                        ModifierOption(code: $0["code"], name: $0["name"], priceDelta: Rupiah($0["price_delta"]))
                    })
            }
            let links = try Row.fetchAll(db, sql: "SELECT item_code, group_code FROM menu_item_modifiers ORDER BY item_code, position")
            let groupsByItem = Dictionary(grouping: links, by: { $0["item_code"] as String })
            let items = try Row.fetchAll(
                db, sql: """
                    SELECT menu_items.* FROM menu_items JOIN menu_categories ON menu_categories.code = category_code
                    WHERE listed = 1 ORDER BY menu_categories.position, menu_items.position
                    """
            ).map { row in
                let code: String = row["code"]
                return MenuItem(
                    code: code, name: row["name"], category: row["category_code"], price: Rupiah(row["price"]),
                    skill: row["skill"], available: row["available"],
                    modifierGroups: (groupsByItem[code] ?? []).map { $0["group_code"] },
                    cost: (row["cost"] as Int64?).map { Rupiah($0) })
            }
            return Menu(categories: categories, items: items, modifierGroups: groups)
        }
        guard !menu.items.isEmpty else { throw StoreError.noMenu }
        return menu
    }
}
