import Foundation
import Testing

/// Hours and premi settle in order (issue 18), through the commands with the KASIR_NOW clock.
@Suite struct SettleInOrderEndToEndTests {
    static let notYet = "Premi 2026-11 baru bisa ditutup mulai 2026-12-08 00:00 WITA: "
        + "sampai saat itu waktu dari lembar absen (7 hari ke belakang) masih bisa masuk ke bulan itu.\n"

    /// Every shift and break on record, to see that a refused entry changed none (a right PIN
    /// may change other rows, so the whole file is not compared).
    func attendance(_ kasir: KasirProcess) throws -> String {
        try kasir.sqlite("SELECT * FROM attendance ORDER BY id; SELECT * FROM breaks ORDER BY id;")
    }

    /// W01 and W02 work 08:00–16:00 on 28 November, live; W01 sells.
    func lateNovember() throws -> KasirProcess {
        let kasir = try KasirProcess()
        kasir.now = "2026-11-28T00:00:00Z"   // 08:00 WITA
        try kasir.prepareCafe()
        kasir.now = "2026-11-28T01:00:00Z"
        try #require(try kasir.run(["order", "new", "--server", "W01", "--item", "KSGA:1:size=L", "--pay", "cash:50000"]).status == 0)
        kasir.now = "2026-11-28T08:00:00Z"   // 16:00
        for code in ["W01", "W02"] { try #require(try kasir.supervised(["attendance", "out", code]).status == 0) }
        return kasir
    }

    /// What was seen: November's premi closed on 29 November, then 8 hours of W02's from the
    /// paper sheet that showed in the training report and earned nothing.
    @Test func thePremiCloseWaitsForThePaperSheet() throws {
        let kasir = try lateNovember()
        kasir.now = "2026-11-29T13:00:00Z"   // 21:00 on 29 November
        let early = try kasir.supervised(["premi", "close", "--month", "2026-11"])
        #expect(early.status == 1)
        #expect(early.stderr == Self.notYet)
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM premi_months;") == "0\n")
        // The paper sheet: W02 also worked 29 November, 08:00–16:00.
        for arguments in [["attendance", "in", "W02", "--station", "bar", "--at", "2026-11-29 08:00", "--reason", "lembar absen"],
                          ["attendance", "out", "W02", "--at", "2026-11-29 16:00", "--reason", "lembar absen"]] {
            let typed = try kasir.supervised(arguments)
            #expect(typed.status == 0, "\(typed.stderr)")
        }
        kasir.now = "2026-12-07T15:59:00Z"   // 23:59 on 7 December
        #expect(try kasir.supervised(["premi", "close", "--month", "2026-11"]).stderr == Self.notYet)
        kasir.now = "2026-12-07T16:00:00Z"   // 00:00 on 8 December
        let closed = try kasir.supervised(["premi", "close", "--month", "2026-11", "--format", "json"])
        #expect(closed.status == 0, "\(closed.stderr)")
        let premi = try kasir.json(closed)
        let shares = try #require(premi["shares"] as? [[String: Any]])
        #expect(shares.map { $0["code"] as? String } == ["W01", "W02"])
        #expect(shares.map { ($0["basis_hours"] as? NSNumber)?.doubleValue } == [8, 16])
        #expect(try kasir.run(["audit", "verify"]).status == 0)
    }

    /// Once a month's premi is closed no attendance reaches into it, even after an admin
    /// allows paper-sheet times further back.
    @Test func attendanceIntoAClosedMonthIsRefused() throws {
        let kasir = try lateNovember()
        kasir.now = "2026-12-08T01:00:00Z"
        try #require(try kasir.supervised(["premi", "close", "--month", "2026-11"]).status == 0)
        try #require(try kasir.supervised(["security", "set", "--max-backdate-days", "30"]).status == 0)
        let before = try attendance(kasir)
        let late = try kasir.supervised(["attendance", "in", "W01", "--station", "bar", "--at", "2026-11-30 08:00", "--reason", "lembar absen"])
        #expect(late.status == 1)
        #expect(late.stderr == "Premi 2026-11 sudah ditutup: absen di bulan itu tidak bisa dicatat atau diubah lagi.\n")
        #expect(try attendance(kasir) == before)
        // December is open.
        #expect(try kasir.supervised(["attendance", "in", "W01", "--station", "bar", "--at", "2026-12-01 08:00", "--reason", "lembar absen"]).status == 0)
    }

    /// A night shift across the month's end counts 2 hours in October and 6 in November; a
    /// shift begun more than a week before November (a forgotten clock-out, closed from the
    /// paper sheet with a reason) counts in November too.
    @Test func aShiftCountsInEveryMonthItReachesInto() throws {
        let kasir = try KasirProcess()
        kasir.now = "2026-10-24T12:00:00Z"   // 20:00 WITA on 24 October: W01 and W02 in
        try kasir.prepareCafe()
        kasir.now = "2026-10-24T20:00:00Z"   // 04:00 on the 25th
        try #require(try kasir.supervised(["attendance", "out", "W02"]).status == 0)
        kasir.now = "2026-10-31T14:00:00Z"   // 22:00 on 31 October
        try #require(try kasir.supervised(["attendance", "in", "W02", "--station", "bar"]).status == 0)
        kasir.now = "2026-10-31T22:00:00Z"   // 06:00 on 1 November
        try #require(try kasir.supervised(["attendance", "out", "W02"]).status == 0)
        kasir.now = "2026-11-02T01:00:00Z"
        let forgotten = try kasir.supervised(["attendance", "out", "W01", "--at", "2026-11-01 06:00", "--reason", "lupa absen keluar, lembar absen"])
        #expect(forgotten.status == 0, "\(forgotten.stderr)")
        func hours(_ month: String) throws -> [Double?] {
            let report = try kasir.json(kasir.run(["report", "training", "--month", month, "--format", "json"]))
            return (report["staff"] as? [[String: Any]] ?? []).map { ($0["hours"] as? NSNumber)?.doubleValue }
        }
        #expect(try hours("2026-10") == [172, 10])   // W01 24 Oct 20:00 – 1 Nov; W02 8 h, then 22:00–24:00
        #expect(try hours("2026-11") == [6, 6])
    }

    /// A shift longer than 12 hours is recorded only with a supervisor's reason, kept with it.
    @Test func aLongShiftNeedsAReason() throws {
        let kasir = try KasirProcess()
        kasir.now = "2026-11-29T00:00:00Z"   // 08:00 WITA: W01 and W02 in
        try kasir.prepareCafe()
        kasir.now = "2026-11-29T13:00:00Z"   // 21:00: 13 hours
        let before = try attendance(kasir)
        let bare = try kasir.supervised(["attendance", "out", "W01"])
        #expect(bare.status == 1)
        #expect(bare.stderr == "Giliran W01 lebih dari 12 jam: perlu alasan petugas (--reason).\n")
        #expect(try attendance(kasir) == before)
        let reasoned = try kasir.supervised(["attendance", "out", "W01", "--reason", "kunjungan keluarga, diawasi S1"])
        #expect(reasoned.status == 0, "\(reasoned.stderr)")
        #expect(try kasir.sqlite("SELECT a.out_reason FROM attendance a JOIN staff s ON s.id = a.staff_id WHERE s.code = 'W01';")
            == "kunjungan keluarga, diawasi S1\n")
        // From the paper sheet the same: its reason is the supervisor's.
        #expect(try kasir.supervised(["attendance", "out", "W02", "--at", "2026-11-29 21:00", "--reason", "lembar absen, acara malam"]).status == 0)
        #expect(try kasir.run(["audit", "verify"]).status == 0)
    }

    /// A clock-out forgotten longer ago than the paper sheet may go back: an admin closes it at
    /// its real time with a reason, journaled as such.
    @Test func anAdminClosesAForgottenClockOut() throws {
        let kasir = try KasirProcess()
        kasir.now = "2026-11-10T00:00:00Z"   // 08:00 WITA: W01 and W02 in
        try kasir.prepareCafe()
        kasir.now = "2026-11-10T08:00:00Z"
        try #require(try kasir.supervised(["attendance", "out", "W02"]).status == 0)
        try #require(try kasir.supervised(["staff", "add-supervisor", "--code", "S2", "--nip", "1990", "--name", "Bu Sari"],
                                          input: "135790\n135790\n").status == 0)
        kasir.now = "2026-11-20T02:00:00Z"
        let sheet = try kasir.supervised(["attendance", "out", "W01", "--at", "2026-11-10 17:00", "--reason", "lupa absen keluar"])
        #expect(sheet.stderr == "Waktu dari lembar absen paling lama 7 hari ke belakang.\n")
        let before = try attendance(kasir)
        let close = ["attendance", "close-forgotten", "W01", "--at", "2026-11-10 17:00"]
        // No reason: refused before any PIN is read.
        let bare = try kasir.run(close + ["--by", "S1"])
        #expect(bare.status == 1)
        #expect(bare.stderr == "Sebutkan alasannya: --reason TEKS.\n")
        let notAdmin = try kasir.run(close + ["--reason", "lupa absen keluar", "--by", "S2"], input: "135790\n")
        #expect(notAdmin.status == 1)
        #expect(notAdmin.stderr.hasSuffix("S2 bukan admin: hanya admin yang boleh melakukan ini.\n"), "\(notAdmin.stderr)")
        #expect(try attendance(kasir) == before)
        let closed = try kasir.supervised(close + ["--reason", "lupa absen keluar; lembar absen"])
        #expect(closed.status == 0, "\(closed.stderr)")
        #expect(closed.stdout == "W01 keluar, 2026-11-10 17:00 WITA: lupa absen keluar, ditutup admin S1.\n")
        #expect(try kasir.sqlite("""
            SELECT a.clock_out, x.code, a.out_reason FROM attendance a JOIN staff s ON s.id = a.staff_id JOIN staff x ON x.id = a.out_by
            WHERE s.code = 'W01';
            """) == "2026-11-10T09:00:00.000Z|S1|lupa absen keluar; lembar absen\n")
        #expect(try kasir.sqlite("SELECT actor, subject FROM journal WHERE kind = 'clock_out_admin';") == "S1|W01\n")
        let report = try kasir.json(kasir.run(["report", "training", "--month", "2026-11", "--format", "json"]))
        #expect((report["staff"] as? [[String: Any]])?.map { ($0["hours"] as? NSNumber)?.doubleValue } == [9, 8])
        #expect(try kasir.run(["audit", "verify"]).status == 0)
    }
}
