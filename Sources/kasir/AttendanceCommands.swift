import ArgumentParser
import Foundation
import KasirActions
import KasirMessages
import KasirCore
import KasirStore

struct AttendanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attendance", abstract: HelpText.pick(
            "Absen masuk dan keluar WBP, dikonfirmasi petugas.",
            "Clock WBP in and out, confirmed by a supervisor."),
        subcommands: [In.self, Out.self, Break.self, Resume.self, List.self, CloseForgotten.self])

    struct In: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "in", abstract: HelpText.pick(
            "Absen masuk seorang WBP di satu stasiun.",
            "Clock a WBP in at a station."))
        @OptionGroup var common: CommonOptions
        @Argument(help: HelpText.staffCode) var code: String
        @Option(help: HelpText.help("kasir, bar atau dapur", "kasir, bar or dapur")) var station: String
        @Option(help: HelpText.by) var by: String?
        @Option(help: HelpText.help(
            "YYYY-MM-DD HH:MM (waktu kafe) dari lembar absen: dijurnal sebagai catatan susulan; perlu --reason.",
            "YYYY-MM-DD HH:MM (cafe time) from the paper sheet: journaled as a late entry; needs --reason."))
        var at: String?
        @Option(help: HelpText.reason) var reason: String?

        func run() throws {
            let context = try Context.open(common)
            let station = try Station.typed(self.station, field: "station")
            let code = try StaffMember.parseCode(self.code)
            let sheetTime = try context.sheetTime(at)
            try context.actions.checkSheetTime(sheetTime, reason: reason)
            let approver = try context.requireSupervisor(by)
            let instant = try context.actions.clockIn(code, station: station, at: sheetTime, reason: reason, by: approver)
            context.print(context.catalog.clockedIn(code, station: station, at: instant))
        }
    }

    struct Out: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "out", abstract: HelpText.pick(
                "Absen keluar seorang WBP (lupa absen keluar: --at dengan --reason; giliran melewati batas jam kebijakan: --reason).",
                "Clock a WBP out (a forgotten clock-out: --at with --reason; a shift over the policy's hours: --reason)."))
        @OptionGroup var common: CommonOptions
        @Argument(help: HelpText.staffCode) var code: String
        @Option(help: HelpText.by) var by: String?
        @Option(help: HelpText.help(
            "YYYY-MM-DD HH:MM (waktu kafe), waktu sebenarnya; perlu --reason.",
            "YYYY-MM-DD HH:MM (cafe time), the real time; needs --reason.")) var at: String?
        @Option(help: HelpText.reason) var reason: String?

        func run() throws {
            let context = try Context.open(common)
            let code = try StaffMember.parseCode(self.code)
            let sheetTime = try context.sheetTime(at)
            try context.actions.checkSheetTime(sheetTime, reason: reason)
            let approver = try context.requireSupervisor(by)
            let instant = try context.actions.clockOut(code, at: sheetTime, reason: reason, by: approver)
            context.print(context.catalog.clockedOut(code, at: instant))
        }
    }

    struct CloseForgotten: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close-forgotten", abstract: HelpText.pick(
                "Admin menutup giliran yang lupa absen keluar pada waktu sebenarnya, juga lewat batas hari lembar absen; perlu --reason.",
                "An admin closes a forgotten clock-out at its real time, even beyond the paper sheet's limit in days; needs --reason."))
        @OptionGroup var common: CommonOptions
        @Argument(help: HelpText.staffCode) var code: String
        @Option(help: HelpText.help(
            "YYYY-MM-DD HH:MM (waktu kafe), waktu sebenarnya giliran berakhir.",
            "YYYY-MM-DD HH:MM (cafe time), when the shift really ended.")) var at: String
        @Option(help: HelpText.reason) var reason: String?
        @Option(help: HelpText.admin) var by: String?

        func run() throws {
            let context = try Context.open(common)
            let code = try StaffMember.parseCode(self.code)
            guard let instant = try context.sheetTime(at) else { return }
            // A missing reason is one line before the PIN is asked.
            _ = try CafeActions.reason(reason)
            let admin = try context.requireAdmin(by)
            try context.actions.closeForgottenShift(code, at: instant, reason: reason, by: admin)
            context.print(context.catalog.forgottenShiftClosed(code, at: instant, admin: admin.code))
        }
    }

    struct Break: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "break", abstract: HelpText.pick(
            "Mulai istirahat seorang WBP.",
            "Start a WBP's break."))
        @OptionGroup var common: CommonOptions
        @Argument(help: HelpText.staffCode) var code: String
        @Option(help: HelpText.by) var by: String?

        func run() throws { try AttendanceCommand.setBreak(code, starting: true, by: by, common: common) }
    }

    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "resume", abstract: HelpText.pick(
            "Akhiri istirahat seorang WBP.",
            "End a WBP's break."))
        @OptionGroup var common: CommonOptions
        @Argument(help: HelpText.staffCode) var code: String
        @Option(help: HelpText.by) var by: String?

        func run() throws { try AttendanceCommand.setBreak(code, starting: false, by: by, common: common) }
    }

    static func setBreak(_ code: String, starting: Bool, by: String?, common: CommonOptions) throws {
        let context = try Context.open(common)
        let code = try StaffMember.parseCode(code)
        let approver = try context.requireSupervisor(by)
        try context.actions.setBreak(code, starting: starting, by: approver)
        context.print(starting ? context.catalog.breakStarted(code) : context.catalog.breakEnded(code))
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: HelpText.pick(
                "Giliran yang masih terbuka; yang terbuka sejak hari sebelumnya berarti lupa absen keluar.",
                "Open shifts; a shift open since an earlier day is a forgotten clock-out."))
        @OptionGroup var common: CommonOptions

        func run() throws {
            let context = try Context.open(common)
            let calendar = context.config.cafe.calendar
            let today = calendar.day(of: context.clock.now())
            let open = try context.database.openAttendance()
            if open.isEmpty { context.print(context.catalog.nobodyClockedIn) }
            for shift in open {
                context.print(context.catalog.openShift(shift, forgotten: calendar.day(of: shift.clockIn) < today))
            }
        }
    }
}
