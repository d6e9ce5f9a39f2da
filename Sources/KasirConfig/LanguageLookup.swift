import Foundation

extension Language {
    /// The `language` of `[cafe]` in the `kasir.toml` of `folder`, found without reading the
    /// rest of the config: `--help` is worded before any command runs, and a config with a
    /// mistake elsewhere still gets its help in its own language.
    ///
    /// - Returns: `nil` when the file, the key or a known language is missing.
    public static func configured(in folder: URL) -> Language? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("kasir.toml").path),
            let text = String(data: data, encoding: .utf8)
        else { return nil }
        return configured(inText: text)
    }

    /// The same from the text of `kasir.toml`: `language = "en"` under `[cafe]`.
    static func configured(inText text: String) -> Language? {
        var inCafe = false
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                inCafe = line.hasPrefix("[cafe]")
                continue
            }
            guard inCafe, line.hasPrefix("language") else { continue }
            let rest = line.dropFirst("language".count).trimmingCharacters(in: .whitespaces)
            guard rest.hasPrefix("=") else { continue }
            let value = rest.dropFirst().trimmingCharacters(in: .whitespaces)
            guard let quote = value.first, quote == "\"" || quote == "'" else { return nil }
            return Language(rawValue: String(value.dropFirst().prefix { $0 != quote }))
        }
        return nil
    }
}
