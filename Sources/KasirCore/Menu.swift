import Foundation

/// One choice within a modifier group, such as "large" in "size".
public struct ModifierOption: Hashable, Sendable, Codable {
    /// What is stored with an order line: it never changes with the language.
    public var code: String
    public var name: String
    /// Added to the item's price for each unit ordered; may be zero or negative.
    public var priceDelta: Rupiah
    /// Other words a person may type for it, such as `sedikit` for `less`; the first is the one
    /// an Indonesian screen shows. Words of the config only: the database keeps codes.
    public var aliases: [String]

    public init(code: String, name: String, priceDelta: Rupiah = .zero, aliases: [String] = []) {
        self.code = code
        self.name = name
        self.priceDelta = priceDelta
        self.aliases = aliases
    }

    /// Whether a person typing `word` means this option: its code or one of its aliases.
    public func answers(to word: String) -> Bool {
        Menu.sameCode(code, word) || aliases.contains { Menu.sameCode($0, word) }
    }
}

/// A set of options an item can be ordered with: size, hot or iced, sugar, ice, milk, extras.
public struct ModifierGroup: Hashable, Sendable, Codable {
    public enum Selection: String, Sendable, Codable { case single, multiple }

    /// What is stored with an order line: it never changes with the language.
    public var code: String
    public var name: String
    public var selection: Selection
    /// A required group must end with a choice: the default when the person names none.
    public var required: Bool
    public var defaultOption: String?
    public var options: [ModifierOption]
    /// Other words a person may type for the group, such as `ukuran` for `size`; the first is
    /// the one an Indonesian screen shows. Words of the config only: the database keeps codes.
    public var aliases: [String]

    public init(
        code: String, name: String, selection: Selection = .single, required: Bool = false,
        defaultOption: String? = nil, options: [ModifierOption], aliases: [String] = []
    ) {
        self.code = code
        self.name = name
        self.selection = selection
        self.required = required
        self.defaultOption = defaultOption
        self.options = options
        self.aliases = aliases
    }

    /// The option `word` names: a code first, then an alias (`L`, `sedikit`).
    public func option(_ word: String) -> ModifierOption? {
        options.first { Menu.sameCode($0.code, word) } ?? options.first { $0.answers(to: word) }
    }

    /// Whether a person typing `word` means this group: its code or one of its aliases.
    public func answers(to word: String) -> Bool {
        Menu.sameCode(code, word) || aliases.contains { Menu.sameCode($0, word) }
    }
}

/// Something the café sells.
public struct MenuItem: Hashable, Sendable, Codable {
    public var code: String
    public var name: String
    public var category: String
    public var price: Rupiah
    /// The skill a barista practises by making it, such as `espresso` or `manual-brew`.
    public var skill: String
    public var available: Bool
    /// Codes of the modifier groups this item takes, in the order they are shown.
    public var modifierGroups: [String]
    /// What the ingredients of one cost the café, for the premi's profit; `nil` when unknown.
    public var cost: Rupiah?

    public init(
        code: String, name: String, category: String, price: Rupiah, skill: String,
        available: Bool = true, modifierGroups: [String] = [], cost: Rupiah? = nil
    ) {
        self.cost = cost
        self.code = code
        self.name = name
        self.category = category
        self.price = price
        self.skill = skill
        self.available = available
        self.modifierGroups = modifierGroups
    }
}

/// A category heading on the menu.
public struct MenuCategory: Hashable, Sendable, Codable {
    public var code: String
    public var name: String
    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// The whole menu: categories, items in display order, and the modifier groups they use.
///
/// Items are found by code (case-insensitive) or by their 1-based number in display order,
/// which is what the counter shows.
public struct Menu: Hashable, Sendable, Codable {
    public var categories: [MenuCategory]
    public var items: [MenuItem]
    public var modifierGroups: [ModifierGroup]

    public init(categories: [MenuCategory], items: [MenuItem], modifierGroups: [ModifierGroup]) {
        self.categories = categories
        self.items = items
        self.modifierGroups = modifierGroups
    }

    public func item(code: String) -> MenuItem? {
        items.first { Self.sameCode($0.code, code) }
    }

    /// Whether two codes are the same, whatever their case (`ksga` is `KSGA`). Codes are ASCII,
    /// compared byte by byte; anything else goes through Foundation's comparison.
    public static func sameCode(_ a: String, _ b: String) -> Bool {
        var x = a, y = b
        return x.withUTF8 { p in
            y.withUTF8 { q in
                guard p.count == q.count else { return false }
                for index in 0..<p.count where p[index] != q[index] {
                    let c = p[index], d = q[index]
                    guard c < 128, d < 128 else { return a.caseInsensitiveCompare(b) == .orderedSame }
                    if c | 0x20 != d | 0x20 || !((c | 0x20) >= 97 && (c | 0x20) <= 122) { return false }
                }
                return true
            }
        }
    }

    /// The item a person means by `reference`: its code, or its number on the counter's list.
    public func item(reference: String) -> MenuItem? {
        if let number = Int(reference), number >= 1, number <= items.count {
            return items[number - 1]
        }
        return item(code: reference)
    }

    public func group(_ code: String) -> ModifierGroup? {
        modifierGroups.first { Self.sameCode($0.code, code) }
    }

    /// The group `word` names: a code first, then an alias (`size`, `ukuran`).
    public func modifierGroup(named word: String) -> ModifierGroup? {
        group(word) ?? modifierGroups.first { $0.answers(to: word) }
    }

    /// This menu with the aliases of `other`'s groups and options of the same codes: the
    /// database's menu (codes, names, prices) with the words config/menu.toml lets people type.
    public func withAliases(from other: Menu) -> Menu {
        var menu = self
        for index in menu.modifierGroups.indices {
            guard let source = other.group(menu.modifierGroups[index].code) else { continue }
            menu.modifierGroups[index].aliases = source.aliases
            for option in menu.modifierGroups[index].options.indices {
                let code = menu.modifierGroups[index].options[option].code
                menu.modifierGroups[index].options[option].aliases = source.options.first { Self.sameCode($0.code, code) }?.aliases ?? []
            }
        }
        return menu
    }

    public func number(of item: MenuItem) -> Int? {
        items.firstIndex { $0.code == item.code }.map { $0 + 1 }
    }
}
