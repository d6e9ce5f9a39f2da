import ArgumentParser
import Foundation

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
            PremiCommand.self, PnbpCommand.self, QRISCommand.self, DoctorCommand.self,
        ],
        defaultSubcommand: CounterCommand.self)
}
