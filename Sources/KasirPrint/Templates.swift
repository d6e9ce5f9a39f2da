import Foundation
import KasirConfig
import KasirCore
import Mustache

/// The slip templates: compiled into the binary from `Receipts/`, each overridable by a file
/// of the same name in the café's own folder (`[receipt] templates`).
///
/// A template is looked up as `<language>/<name>.mustache`, then `<name>.mustache`: first in
/// the café's folder, then among the built-in ones. A café file that cannot be read or does not
/// parse makes its slip fail with exactly that reason (the built-in one is not silently used in
/// its place), and is named in ``problems`` so the counter and `kasir doctor` can say so.
///
/// ```swift
/// let templates = TemplateSet(language: .id, overrides: URL(fileURLWithPath: "/etc/kasir/receipts"))
/// templates.problems   // [] when every file the café gave is usable
/// ```
public struct TemplateSet: Sendable {
    public static let names = ["receipt", "receipt_copy", "bar_ticket", "bar_ticket_copy", "till_report", "refund_slip", "qris_bill"]

    let library: MustacheLibrary
    /// Templates that must not be used, and why.
    let broken: [String: PrintError]
    /// Where each template came from, for `kasir doctor`: a file path, or `built-in`.
    public let sources: [String: String]

    /// Every template problem, one per broken file (and a missing override folder).
    public var problems: [PrintError] {
        var problems = broken.values.sorted { "\($0)" < "\($1)" }
        if let missingFolder { problems.insert(.template(file: missingFolder, problem: "folder not found"), at: 0) }
        return problems.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    let missingFolder: String?

    public init(language: Language, overrides folder: URL?) {
        var library = MustacheLibrary()
        var broken: [String: PrintError] = [:]
        var sources: [String: String] = [:]
        var missingFolder: String?
        if let folder, !FileManager.default.fileExists(atPath: folder.path) { missingFolder = folder.path }
        let candidates = { (name: String) in
            (language == .id ? [] : ["\(language.rawValue)/\(name).mustache"]) + ["\(name).mustache"]
        }
        for name in Self.names {
            var text: String?
            if let folder, missingFolder == nil {
                for candidate in candidates(name) {
                    let file = folder.appendingPathComponent(candidate)
                    guard FileManager.default.fileExists(atPath: file.path) else { continue }
                    sources[name] = file.path
                    if let data = FileManager.default.contents(atPath: file.path), let read = String(data: data, encoding: .utf8) {
                        text = read
                    } else {
                        broken[name] = .template(file: file.path, problem: "cannot be read")
                    }
                    break
                }
            }
            if text == nil {
                text = candidates(name).lazy.compactMap { EmbeddedTemplates.files[$0] }.first
                if sources[name] == nil { sources[name] = "built-in" }
            }
            do {
                try library.register(text ?? "", named: name)
            } catch {
                broken[name] = .template(file: sources[name] ?? name, problem: "\(error)")
                try? library.register(candidates(name).lazy.compactMap { EmbeddedTemplates.files[$0] }.first ?? "", named: name)
            }
        }
        // A copy includes its original: a broken original breaks the copy too.
        for (copy, original) in [("receipt_copy", "receipt"), ("bar_ticket_copy", "bar_ticket")] where broken[copy] == nil {
            broken[copy] = broken[original]
        }
        self.library = library
        self.broken = broken
        self.sources = sources
        self.missingFolder = missingFolder
    }

    /// Renders template `name` with `context`.
    ///
    /// - Throws: ``PrintError/template(file:problem:)`` when the template is broken or renders nothing.
    func render(_ name: String, _ context: [String: Any]) throws(PrintError) -> String {
        if let problem = broken[name] { throw problem }
        guard let text = library.render(context, withTemplate: name) else {
            throw .template(file: sources[name] ?? name, problem: "renders nothing")
        }
        return text
    }
}
