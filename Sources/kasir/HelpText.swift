import ArgumentParser
import Foundation
import KasirConfig

/// The language of `--help`, of the manual page generate-manual makes from it, and of the one
/// line said for a command line the argument parser cannot read (``Kasir/end(with:)``).
///
/// The argument parser's help strings are static, so the language is decided once, the first
/// time a command's help is built: `KASIR_LANG`, else `language` in the `kasir.toml` that the
/// commands would read (`--config`, `KASIR_CONFIG`, `/etc/kasir`, `./config`), else Bahasa
/// Indonesia. `kasir --version` reads no file for it.
///
/// ```swift
/// static let configuration = CommandConfiguration(commandName: "x", abstract: HelpText.pick("Laporan X.", "An X report."))
/// @Option(help: HelpText.help("Kode petugas.", "A supervisor's code.")) var by: String?
/// ```
enum HelpText {
    static let language: Language = decide(arguments: CommandLine.arguments, languageVariable: getenv("KASIR_LANG").map { String(cString: $0) })

    /// `--version` is answered first and touches nothing: building the environment dictionary
    /// alone (as `ProcessInfo.environment` does) costs a few milliseconds of a start that
    /// should take under ten.
    static func decide(arguments: [String], languageVariable: String?) -> Language {
        if arguments.dropFirst().contains("--version") { return .id }
        if let language = languageVariable.flatMap(Language.init(rawValue:)) { return language }
        return Language.configured(in: Locations.configFolder(configOption(arguments))) ?? .id
    }

    /// `--config DIR` or `--config=DIR` among the arguments, before any `--`.
    static func configOption(_ arguments: [String]) -> String? {
        for (index, argument) in arguments.enumerated().dropFirst() {
            if argument == "--" { break }
            if argument == "--config", index + 1 < arguments.count { return arguments[index + 1] }
            if argument.hasPrefix("--config=") { return String(argument.dropFirst("--config=".count)) }
        }
        return nil
    }

    /// The Indonesian or the English wording, by the language decided at start.
    static func pick(_ id: String, _ en: String) -> String { language == .id ? id : en }

    /// The same as an option's or argument's help.
    static func help(_ id: String, _ en: String) -> ArgumentHelp { ArgumentHelp(pick(id, en)) }

    // Help shared by many commands.

    static var by: ArgumentHelp {
        help("Kode petugas yang menyetujui; PIN-nya diminta (tanpa gema, atau baris berikut stdin).",
             "The approving supervisor's code; their PIN is asked (without echo, or the next line of stdin).")
    }

    static var admin: ArgumentHelp {
        help("Kode admin yang menyetujui; PIN-nya diminta (tanpa gema, atau baris berikut stdin).",
             "The approving admin's code; their PIN is asked (without echo, or the next line of stdin).")
    }

    static var reason: ArgumentHelp { help("Alasannya, dicatat di jurnal.", "The reason, recorded in the journal.") }

    static var format: ArgumentHelp { help("text (untuk orang) atau json (untuk skrip).", "text (for people) or json (for scripts).") }

    static var reportFormat: ArgumentHelp {
        help("text, csv, json atau html; csv dan json untuk skrip (angka dengan titik desimal).",
             "text, csv, json or html; csv and json are for scripts (numbers with a decimal point).")
    }

    static var day: ArgumentHelp { help("YYYY-MM-DD, hari kafe (bawaan: hari ini).", "YYYY-MM-DD, a cafe day (default: today).") }

    static var month: ArgumentHelp { help("YYYY-MM (bawaan: bulan ini).", "YYYY-MM (default: this month).") }

    static var staffCode: ArgumentHelp { help("Kode WBP, mis. W01.", "The WBP's code, e.g. W01.") }
}
