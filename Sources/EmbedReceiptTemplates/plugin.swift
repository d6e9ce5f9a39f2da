import Foundation
import PackagePlugin

/// Compiles the receipt templates of `Receipts/` into KasirPrint, so the installed binary
/// prints without a templates folder; `Receipts/` stays the one source of the text.
@main
struct EmbedReceiptTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "Receipts")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) {
            for case let file as URL in walker where file.pathExtension == "mustache" { inputs.append(file) }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedTemplates.swift")
        return [
            .buildCommand(
                displayName: "Embedding the receipt templates of Receipts/",
                executable: try context.tool(named: "EmbedTemplates").url,
                arguments: [folder.path, output.path],
                inputFiles: inputs.sorted { $0.path < $1.path },
                outputFiles: [output]),
        ]
    }
}
