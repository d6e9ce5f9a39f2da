import Foundation

// Writes a Swift file holding every `.mustache` file under a folder, keyed by its path there
// (`receipt.mustache`, `en/receipt.mustache`). Run by the EmbedReceiptTemplates build plugin.

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: EmbedTemplates RECEIPTS_FOLDER OUTPUT_SWIFT_FILE\n".utf8))
    exit(2)
}
let folder = URL(fileURLWithPath: arguments[1]).standardizedFileURL
var files: [(name: String, text: String)] = []
if let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) {
    for case let file as URL in walker where file.pathExtension == "mustache" {
        let name = String(file.standardizedFileURL.path.dropFirst(folder.path.count + 1))
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            FileHandle.standardError.write(Data("EmbedTemplates: cannot read \(file.path)\n".utf8))
            exit(1)
        }
        files.append((name, text))
    }
}
files.sort { $0.name < $1.name }

/// A raw string literal whose delimiter cannot occur in `text`.
func literal(_ text: String) -> String {
    var hashes = "#"
    while text.contains("\"" + hashes) || text.contains("\"\"\"" + hashes) { hashes += "#" }
    return "\(hashes)\"\"\"\n\(text)\(text.hasSuffix("\n") ? "" : "\n")\"\"\"\(hashes)"
}

var source = "// Generated at build time from Receipts/ by the EmbedReceiptTemplates plugin; edit Receipts/ instead.\n\n"
source += "enum EmbeddedTemplates {\n    /// Each template's text by its path under Receipts/.\n    static let files: [String: String] = [\n"
for file in files { source += "        \"\(file.name)\": \(literal(file.text)),\n" }
source += "    ]\n}\n"
do {
    try source.write(to: URL(fileURLWithPath: arguments[2]), atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("EmbedTemplates: cannot write \(arguments[2]): \(error)\n".utf8))
    exit(1)
}
