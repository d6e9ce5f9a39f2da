import KasirCore

/// Reads `config/menu.toml` into a ``Menu``.
enum MenuFile {
    static func parse(_ text: String, file: String) throws(ConfigError) -> Menu {
        let root = try TOMLReader.parse(text, file: file)
        var categories: [MenuCategory] = []
        for category in try root.tables("categories") {
            let code = try category.requiredString("code")
            guard !categories.contains(where: { $0.code == code }) else { throw category.fail("code", .duplicate(code)) }
            categories.append(MenuCategory(code: code, name: try category.requiredString("name")))
        }
        guard !categories.isEmpty else { throw root.fail("categories", .missing) }

        var groups: [ModifierGroup] = []
        if let modifiers = try root.table("modifiers") {
            for code in modifiers.table.keys.sorted() {
                guard let table = try modifiers.table(code) else { continue }
                let group = try modifierGroup(code: code, table)
                // A word names one group only, whether it is a code or an alias.
                for (index, alias) in group.aliases.enumerated() where groups.contains(where: { $0.answers(to: alias) }) {
                    throw table.fail("aliases[\(index)]", .duplicate(alias))
                }
                if let other = groups.first(where: { group.answers(to: $0.code) || $0.aliases.contains(where: group.answers) }) {
                    throw table.fail("aliases", .duplicate(other.code))
                }
                groups.append(group)
            }
        }

        var items: [MenuItem] = []
        for item in try root.tables("items") {
            let code = try item.requiredString("code").uppercased()
            guard ItemSpec.isPlainWord(code), Int(code) == nil else {
                throw item.fail("code", .outOfRange("letters, digits, '-' or '_', not only digits"))
            }
            guard !items.contains(where: { $0.code == code }) else { throw item.fail("code", .duplicate(code)) }
            let category = try item.requiredString("category")
            guard categories.contains(where: { $0.code == category }) else {
                throw item.fail("category", .unknownReference(category))
            }
            guard let price = try item.money("price") else { throw item.fail("price", .missing) }
            guard price > .zero else { throw item.fail("price", .outOfRange("1–1000000000")) }
            let groupCodes = try item.strings("modifiers") ?? []
            for (index, groupCode) in groupCodes.enumerated() where !groups.contains(where: { $0.code == groupCode }) {
                throw item.fail("modifiers[\(index)]", .unknownReference(groupCode))
            }
            items.append(MenuItem(
                code: code, name: try item.requiredString("name"), category: category, price: price,
                skill: try item.requiredString("skill"), available: try item.bool("available") ?? true,
                modifierGroups: groupCodes, cost: try item.money("cost")))
        }
        guard !items.isEmpty else { throw root.fail("items", .missing) }
        // Show items grouped by category, in the order the categories are listed.
        let ordered = categories.flatMap { category in items.filter { $0.category == category.code } }
        return Menu(categories: categories, items: ordered, modifierGroups: groups)
    }

    private static func modifierGroup(code: String, _ group: TOMLReader) throws(ConfigError) -> ModifierGroup {
        guard ItemSpec.isPlainWord(code) else { throw group.fail("", .outOfRange("letters, digits, '-' or '_'")) }
        let selection = try group.oneOf("selection", ["single", "multiple"]) ?? "single"
        var options: [ModifierOption] = []
        for option in try group.tables("options") {
            let optionCode = try option.requiredString("code")
            guard ItemSpec.isPlainWord(optionCode) else {
                throw option.fail("code", .outOfRange("letters, digits, '-' or '_'"))
            }
            guard !options.contains(where: { $0.answers(to: optionCode) }) else {
                throw option.fail("code", .duplicate(optionCode))
            }
            let optionAliases = try aliases(option)
            for (index, alias) in optionAliases.enumerated()
            where Menu.sameCode(alias, optionCode) || options.contains(where: { $0.answers(to: alias) }) || optionAliases[..<index].contains(where: { Menu.sameCode($0, alias) }) {
                throw option.fail("aliases[\(index)]", .duplicate(alias))
            }
            options.append(ModifierOption(
                code: optionCode, name: try option.requiredString("name"), priceDelta: try option.money("delta") ?? .zero,
                aliases: optionAliases))
        }
        guard !options.isEmpty else { throw group.fail("options", .missing) }
        let defaultOption = try group.string("default")
        if let defaultOption, !options.contains(where: { $0.code == defaultOption }) {
            throw group.fail("default", .unknownReference(defaultOption))
        }
        let groupAliases = try aliases(group)
        for (index, alias) in groupAliases.enumerated()
        where Menu.sameCode(alias, code) || groupAliases[..<index].contains(where: { Menu.sameCode($0, alias) }) {
            throw group.fail("aliases[\(index)]", .duplicate(alias))
        }
        return ModifierGroup(
            code: code, name: try group.requiredString("name"),
            selection: ModifierGroup.Selection(rawValue: selection)!, required: try group.bool("required") ?? false,
            defaultOption: defaultOption, options: options, aliases: groupAliases)
    }

    /// `aliases = ["ukuran"]`: other words a person may type, each a plain word.
    private static func aliases(_ table: TOMLReader) throws(ConfigError) -> [String] {
        let aliases = try table.strings("aliases") ?? []
        for (index, alias) in aliases.enumerated() where !ItemSpec.isPlainWord(alias) {
            throw table.fail("aliases[\(index)]", .outOfRange("letters, digits, '-' or '_'"))
        }
        return aliases
    }
}
