import Foundation
import Testing

/// Money that leaves a drawer with no sale of that till against it — an order of a till already
/// closed, QRIS paid back in cash — needs a second, different supervisor's PIN; and `kasir
/// doctor` says where the config file and the database differ on the rules.
@Suite struct SecondSupervisorEndToEndTests {
    static let secondPIN = "580317\n"

    /// The café of ``KasirProcess/prepareCafe()`` with a second supervisor, S2.
    func cafeWithTwoSupervisors() throws -> KasirProcess {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        let added = try kasir.supervised(["staff", "add-supervisor", "--code", "S2", "--nip", "199002022015021002", "--name", "Bu Sari"],
                                         input: Self.secondPIN + Self.secondPIN)
        try #require(added.status == 0, "\(added.stderr)")
        return kasir
    }

    func approvers(_ kasir: KasirProcess) throws -> String {
        try kasir.sqlite("SELECT s.code FROM approvals a JOIN staff s ON s.id = a.approved_by WHERE a.kind = 'refund' ORDER BY a.id;")
    }

    @Test func aRefundOfAnOrderFromAClosedTillNeedsASecondSupervisor() throws {
        let kasir = try cafeWithTwoSupervisors()
        try kasir.sell("--server", "W01", "--item", "PGR", "--pay", "cash:10000")
        try #require(try kasir.supervised(["till", "close", "--count", "100000x2,10000x1"]).status == 0)
        try #require(try kasir.supervised(["till", "open", "--float", "200000"]).status == 0)
        let refund = ["order", "refund", "1", "--reason", "basi"]

        // Refused before any PIN is read, with nothing changed.
        let before = try kasir.dump()
        let alone = try kasir.supervised(refund, input: Self.secondPIN)
        #expect(alone.status == 1)
        #expect(alone.stderr == "Refund pesanan dari kas yang sudah ditutup perlu PIN petugas kedua (--second).\n")
        let twice = try kasir.supervised(refund + ["--second", "S1"], input: KasirProcess.pin)
        #expect(twice.status == 1)
        #expect(twice.stderr == "Petugas kedua harus orang lain, bukan S1 lagi.\n")
        #expect(try kasir.dump() == before)

        // A wrong second PIN is journaled, and nothing else happens.
        let wrong = try kasir.supervised(refund + ["--second", "S2"], input: "999999\n")
        #expect(wrong.status == 1)
        #expect(wrong.stderr == "PIN S2 salah (sisa 4 kali sebelum terkunci).\n")
        #expect(try kasir.sqlite("SELECT kind, actor FROM journal ORDER BY seq DESC LIMIT 1;") == "pin_failed|S2\n")
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM refunds;") == "0\n")

        // Both PINs: the refund is made, and both approvals are recorded and journaled.
        let both = try kasir.supervised(refund + ["--second", "S2"], input: Self.secondPIN)
        #expect(both.status == 0, "\(both.stderr)")
        #expect(both.stdout == "Refund Rp10.000 untuk pesanan #1, disetujui S1 dan S2: tunai Rp10.000.\n")
        #expect(try approvers(kasir) == "S1\nS2\n")
        #expect(try kasir.sqlite("SELECT actor FROM journal WHERE kind = 'approval_refund' ORDER BY seq;") == "S1\nS2\n")
        #expect(try kasir.sqlite("SELECT till_id FROM refunds;") == "2\n")
        // The X report lists both approvals.
        let x = try kasir.run(["till", "x", "--no-print"])
        #expect(x.stdout.contains("basi (S1,") && x.stdout.contains("basi (S2,"), "\(x.stdout)")
        #expect(try kasir.run(["audit", "verify"]).status == 0)
    }

    @Test func qrisPaidBackInCashNeedsASecondSupervisor() throws {
        let kasir = try cafeWithTwoSupervisors()
        // PGR 10.000 + AMR 15.000, all paid by QRIS.
        try kasir.sell("--server", "W01", "--item", "PGR", "--item", "AMR", "--pay", "qris:25000:QR-7")
        // Back the way it was paid, as a QRIS refund: one supervisor is enough.
        let line = try kasir.supervised(["order", "refund", "1", "--line", "1", "--reason", "dingin"])
        #expect(line.status == 0, "\(line.stderr)")
        #expect(line.stdout == "Refund Rp10.000 untuk pesanan #1, disetujui S1: QRIS QR-7 Rp10.000.\n")

        let refund = ["order", "refund", "1", "--qris-cash", "--reason", "tidak punya aplikasi"]
        let before = try kasir.dump()
        let alone = try kasir.supervised(refund, input: Self.secondPIN)
        #expect(alone.status == 1)
        #expect(alone.stderr == "QRIS yang dibayar kembali tunai perlu PIN petugas kedua (--second).\n")
        let twice = try kasir.supervised(refund + ["--second", "s1"], input: KasirProcess.pin)
        #expect(twice.status == 1)
        #expect(twice.stderr == "Petugas kedua harus orang lain, bukan S1 lagi.\n")
        #expect(try kasir.dump() == before)

        let both = try kasir.supervised(refund + ["--second", "S2"], input: Self.secondPIN)
        #expect(both.status == 0, "\(both.stderr)")
        #expect(both.stdout == "Refund Rp15.000 untuk pesanan #1, disetujui S1 dan S2: tunai (QRIS QR-7) Rp15.000.\n")
        #expect(try approvers(kasir) == "S1\nS1\nS2\n")
        #expect(try kasir.sqlite("SELECT actor FROM journal WHERE kind = 'approval_refund' ORDER BY seq;") == "S1\nS1\nS2\n")
        #expect(try kasir.sqlite("SELECT paid_out, amount FROM refund_tenders ORDER BY id;") == "qris|10000\ncash|15000\n")
        #expect(try kasir.run(["audit", "verify"]).status == 0)
    }

    /// The config file seeds the rules once; after that the database's apply, and doctor says
    /// where the file says otherwise.
    @Test func doctorShowsWhereTheConfigAndTheDatabaseDiffer() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        #expect(try kasir.run(["doctor"]).stdout.contains("✔ aturan: konfigurasi dan basis data sama\n"))

        try kasir.edit("kasir.toml", "rate_percent = 10", "rate_percent = 0")
        try kasir.edit("kasir.toml", "pin_attempts = 5", "pin_attempts = 3")
        let doctor = try kasir.run(["doctor"])
        #expect(doctor.stdout.contains("⚠ aturan: PB1 di konfigurasi 0%, di basis data 10% (basis data berlaku).\n"), "\(doctor.stdout)")
        #expect(doctor.stdout.contains("⚠ aturan: PIN salah sebelum terkunci di konfigurasi 3, di basis data 5 (basis data berlaku).\n"))
        #expect(doctor.stdout.components(separatedBy: "⚠ aturan:").count == 3)
        #expect(!doctor.stdout.contains("aturan: konfigurasi dan basis data sama"))

        // Money rules an upgrade left unconfirmed are a fault.
        _ = try kasir.sqlite("UPDATE money_rules SET confirmed = 0;")
        let unconfirmed = try kasir.run(["doctor"])
        #expect(unconfirmed.status == 1)
        #expect(unconfirmed.stdout.contains("✘ aturan: aturan uang belum dikonfirmasi admin"), "\(unconfirmed.stdout)")
    }
}

extension SecondSupervisorEndToEndTests {
    /// A written-off QRIS payment left revenue and premi already, and its money never arrived:
    /// it is not refunded (in QRIS or in cash), until a confirmation brings it back.
    @Test func aWrittenOffQRISPaymentIsNotRefunded() throws {
        let kasir = try cafeWithTwoSupervisors()
        try kasir.sell("--server", "W01", "--item", "PGR", "--pay", "qris:10000:QR-9")
        kasir.now = "2026-11-29T08:00:00Z"
        try #require(try kasir.supervised(["till", "close", "--count", "100000x2"]).status == 0)
        kasir.now = "2026-12-08T01:00:00Z"
        try #require(try kasir.supervised(["qris", "write-off", "--month", "2026-11", "--reason", "tidak masuk"]).status == 0)
        try #require(try kasir.supervised(["till", "open", "--float", "200000"]).status == 0)
        let before = try kasir.dump()
        for extra in [[String](), ["--qris-cash"]] {
            let refund = try kasir.supervised(["order", "refund", "1", "--day", "2026-11-29", "--reason", "x", "--second", "S2"] + extra,
                                              input: Self.secondPIN)
            #expect(refund.status == 1)
            #expect(refund.stderr == "QRIS QR-9 sudah dihapusbukukan admin: tidak bisa di-refund (uangnya tidak pernah masuk). "
                + "Konfirmasi dulu bila ternyata masuk (kasir qris confirm).\n", "\(extra)")
        }
        #expect(try kasir.dump() == before)
    }
}
