import ArgumentParser
import Foundation
import KasirCentral
import KasirCore
import KasirLedger
import KasirMessages
import KasirReports

/// `kasir-central user add`: a reader of the centre, a PostgreSQL login role whose password is
/// read twice from standard input.
struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Pembaca laporan pusat. / The centre's readers.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Buat pembaca: kata sandi dua kali di stdin. / Make a reader: the password twice on stdin.",
            discussion: """
                directorate: semua kafe; kanwil: kafe Kanwil-nya (--kanwil); cafe: kafe itu saja (--cafe).
                directorate: every café; kanwil: its Kanwil's cafés (--kanwil); cafe: that café only (--cafe).
                """)
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Nama pengguna (huruf kecil, angka, _). / The user name (lower-case letters, digits, _).") var name: String
        @Option(help: "directorate, kanwil atau cafe. / directorate, kanwil or cafe.") var role: String
        @Option(help: "Kanwil yang dilihat (peran kanwil). / The Kanwil seen (kanwil role).") var kanwil: String?
        @Option(help: "Kafe yang dilihat (peran cafe). / The café seen (cafe role).") var cafe: String?

        func run() async throws {
            guard let role = CentralRole(rawValue: role) else { throw CentralError.badScope(role: clipped(role)) }
            let user = CentralUser(name: name, role: role, kanwil: kanwil, cafe: cafe)
            // Read from a script or typed (without echo where a terminal allows it: not here, for
            // the centre's operator types at a server console), the same line twice.
            let password = readLine(strippingNewline: true) ?? ""
            let again = readLine(strippingNewline: true) ?? ""
            try user.validate(password: password)
            guard password == again else { throw CentralError.passwordsDiffer }
            try await database.with { try await $0.addUser(user, password: password) }
            say("Pengguna \(name) dibuat.")
        }
    }
}

/// `kasir-central verify`: every stored chain and signature, checked again.
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Periksa ulang setiap rantai dan tanda tangan yang disimpan. / Re-check every stored chain and signature.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Hanya kafe ini. / This café only.") var cafe: String?

    func run() async throws {
        let results = try await database.with { try await $0.verify(cafe: cafe) }
        let words = Catalog(language: .id)
        for result in results { words.centralVerified(result).forEach(say) }
        if results.contains(where: { !$0.findings.isEmpty }) { throw ExitCode.failure }
    }
}

/// `kasir-central report`: across cafés, for the month, as the reader's role may see.
struct Report: AsyncParsableCommand {
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case training, sales, pnbp, cafes, alarms
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv, html
    }

    static let configuration = CommandConfiguration(
        abstract: "Laporan lintas kafe per bulan. / Reports across cafés, by month.",
        discussion: """
            cafes: jangkar terakhir tiap kafe dan yang diam (--stale-after hari, bawaan 3); alarms: setiap alarm bulan itu.
            cafes: each café's last anchor, and the quiet ones (--stale-after days, 3 by default); alarms: every alarm of the month.
            """)
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "cafes atau alarms. / cafes or alarms.") var kind: Kind
    @Option(help: "Bulan, YYYY-MM. / The month, YYYY-MM.") var month: String
    @Option(help: "Hanya Kanwil ini. / This Kanwil only.") var kanwil: String?
    @Option(help: "Hanya kafe ini. / This café only.") var cafe: String?
    @Option(help: "text, json, csv atau html. / text, json, csv or html.") var format: Format = .text
    @Option(help: "Folder konfigurasi: kompetensi dan menu (bawaan: KASIR_CONFIG, lalu /etc/kasir, lalu ./config). / The config folder: competencies and menu.")
    var config: String?
    @Option(name: .customLong("stale-after"), help: "Hari tanpa jangkar sebelum kafe disebut diam. / Days without an anchor before a café is quiet.")
    var staleAfter: Int = 3

    struct CafeJSON: Encodable {
        var cafe, name, upt, kanwil: String
        var headSeq: Int64
        var anchoredAt: String?
        var entries, alarms: Int
        var stale: Bool
        /// The new branches accepted after a restore; absent when none.
        var branches: [BranchJSON]?
    }

    /// A new branch accepted (`kasir-central cafe accept`): the old branch's entries
    /// `fork_seq`…`old_head_seq` kept as evidence, the centre then holding `new_head_seq`.
    struct BranchJSON: Encodable {
        var acceptance: Int64
        var forkSeq, oldHeadSeq, newHeadSeq, entries: Int64
        var oldHeadHash: String
        var evidenceBatch: Int64
        var acceptedAt, acceptedBy, reason: String

        init(_ branch: BranchAcceptance) {
            acceptance = branch.id
            forkSeq = branch.forkSeq
            oldHeadSeq = branch.oldHeadSeq
            newHeadSeq = branch.newHeadSeq
            entries = branch.supersededEntries
            oldHeadHash = branch.oldHeadHash
            evidenceBatch = branch.evidenceBatchID
            acceptedAt = Timestamp.string(branch.acceptedAt)
            acceptedBy = branch.acceptedBy
            reason = branch.reason
        }
    }

    struct AlarmJSON: Encodable {
        var cafe: String?
        var kind, at, detail: String
    }

    func run() async throws {
        let month = try BusinessMonth.parse(self.month)
        guard (1...365).contains(staleAfter) else { throw ValidationError("--stale-after: 1–365") }
        let interval = CafeCalendar.wita.interval(of: month)
        let scope = CentralScope(start: interval.start, end: interval.end, kanwil: kanwil, cafe: cafe)
        let layout = CentralReportLayout()
        let encoder = CentralReportJSON.encoder
        let document: ReportDocument
        switch kind {
        case .training:
            let (results, skills) = try await training(month: month, scope: scope)
            if format == .json {
                return say(String(decoding: try await CentralReportJSON.training(results, month: month), as: UTF8.self))
            }
            document = layout.training(results, month: month.description, skills: skills)
        case .sales:
            let results = try await sales(month: month, scope: scope)
            if format == .json { return say(String(decoding: try await CentralReportJSON.sales(results, month: month), as: UTF8.self)) }
            document = layout.sales(results, month: month.description)
        case .pnbp:
            let results = try await database.with { central in try await central.pnbpResults(scope, month: month) }
            if format == .json { return say(String(decoding: try await CentralReportJSON.pnbp(results, month: month), as: UTF8.self)) }
            document = layout.pnbp(results, month: month.description)
        case .cafes:
            let statuses = try await database.with { try await $0.cafeStatuses(scope, now: Date(), staleAfter: TimeInterval(staleAfter) * 86_400) }
            if format == .json {
                let rows = statuses.map {
                    CafeJSON(cafe: $0.code, name: $0.name, upt: $0.upt, kanwil: $0.kanwil, headSeq: $0.headSeq, anchoredAt: $0.anchoredAt.map(Timestamp.string),
                             entries: $0.entriesInMonth, alarms: $0.alarmsInMonth, stale: $0.stale, branches: $0.branches?.map(BranchJSON.init))
                }
                return say(String(decoding: try encoder.encode(rows), as: UTF8.self))
            }
            document = layout.cafes(statuses, month: month.description)
        case .alarms:
            let alarms = try await database.with { try await $0.alarms(scope) }
            if format == .json {
                let rows = alarms.map { AlarmJSON(cafe: $0.cafe, kind: $0.kind, at: Timestamp.string($0.at), detail: $0.detail) }
                return say(String(decoding: try encoder.encode(rows), as: UTF8.self))
            }
            document = layout.alarms(alarms, month: month.description)
        }
        // Each form ends its last line itself (CSV with its own \r\n); one is added where it does not.
        let output = format == .csv ? document.csvText : format == .html ? document.html : document.text
        print(output, terminator: output.last?.isNewline == true ? "" : "\n")
    }
}
