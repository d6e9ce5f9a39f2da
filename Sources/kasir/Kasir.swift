import ArgumentParser
import Foundation
import KasirMessages

@main
struct Kasir: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kasir",
        abstract: HelpText.pick(
            "Kasir dan catatan pelatihan kafe asimilasi Rutan Kelas IIA Balikpapan.",
            "Point of sale and training record of the assimilation cafe, Rutan Kelas IIA Balikpapan."),
        version: "kasir 0.2.0",
        subcommands: [
            CounterCommand.self, InitCommand.self, MenuCommand.self, StaffCommand.self, NoteCommand.self, OrderCommand.self,
            ReceiptCommand.self, PrinterCommand.self, AttendanceCommand.self, TillCommand.self, AuditCommand.self,
            BackupCommand.self, PolicyCommand.self, DemoCommand.self, ReportCommand.self, CompetencyCommand.self,
            PremiCommand.self, PnbpCommand.self, QRISCommand.self, DoctorCommand.self, CentralCommand.self, SyncCommand.self,
        ],
        defaultSubcommand: CounterCommand.self)

    /// Parses the command line, runs the command, and says its error, if it ends in one, once.
    ///
    /// Commands throw their errors as they are; only here are they said:
    /// - help, `--version`, and an `ExitCode` a command throws after saying what it had to,
    ///   end as swift-argument-parser ends them (``exit(withError:)``);
    /// - a command line the parser cannot read is one line in the interface language (that of
    ///   `--help`), with the parser's own words and where the command's help is, and the
    ///   parser's status (64);
    /// - any other error is its one line of the catalogue, in the language of the command's
    ///   config (``ErrorCatalog``), on standard error, with status 1.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            end(with: error)
        }
    }

    /// Says `error` once, as ``main()`` describes, and ends the process.
    static func end(with error: any Error) -> Never {
        // Before asking the parser: an ExitCode(64) of a command is no usage error.
        if error is ExitCode { Self.exit(withError: error) }
        let status = exitCode(for: error)
        switch status {
        case .success:
            Self.exit(withError: error)
        case .validationFailure:
            let catalog = Catalog(language: HelpText.language)
            say(catalog.commandNotUnderstood(parserWords(message(for: error)), help: helpCommand(for: CommandLine.arguments.dropFirst())))
            Self.exit(withError: status)
        default:
            say(ErrorCatalog.shared.catalog.describe(error))
            Self.exit(withError: ExitCode.failure)
        }
    }

    /// The parser's message on one line, without its full stop (the sentence around it has one).
    static func parserWords(_ message: String) -> String {
        let words = message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        return words.hasSuffix(".") ? String(words.dropLast()) : words
    }

    /// The help of the command the arguments name, as far as they name one:
    /// `order list --bogus` gives `kasir order list --help`.
    static func helpCommand(for arguments: some Sequence<String>) -> String {
        var command: any ParsableCommand.Type = Kasir.self
        var names = [Kasir._commandName]
        for argument in arguments {
            guard let next = command.configuration.subcommands.first(where: {
                $0._commandName == argument || $0.configuration.aliases.contains(argument)
            }) else { break }
            command = next
            names.append(next._commandName)
        }
        return (names + ["--help"]).joined(separator: " ")
    }

    /// Writes `line` to standard error.
    static func say(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
