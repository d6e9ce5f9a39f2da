import ArgumentParser
import Foundation

@main
struct Kasir: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kasir",
        abstract: "Point of sale and training record of the assimilation café, Rutan Kelas IIA Balikpapan.",
        version: "kasir 0.1.0",
        subcommands: [
            CounterCommand.self, InitCommand.self, MenuCommand.self, StaffCommand.self, OrderCommand.self,
            ReceiptCommand.self, PrinterCommand.self, AttendanceCommand.self, TillCommand.self, AuditCommand.self,
            BackupCommand.self, DemoCommand.self, BenchCommand.self, ReportCommand.self, CompetencyCommand.self, PremiCommand.self, PnbpCommand.self,
        ],
        defaultSubcommand: CounterCommand.self)
}
