import Foundation

/// The words of the centre's pages for programme officers (sign-in, overview, a café).
public struct OfficeWords: Sendable {
    let catalog: Catalog

    public init(_ catalog: Catalog) { self.catalog = catalog }

    func pick(_ id: String, _ en: String) -> String { catalog.pick(id, en) }

    public var product: String { pick("Kasir · Pusat", "Kasir · Centre") }
    public var signInTitle: String { pick("Masuk petugas", "Officer sign-in") }
    public var signInIntro: String {
        pick("Untuk petugas program Kanwil, Ditjenpas dan UPT. Transkrip dapat diperiksa siapa saja tanpa masuk di /verifikasi.",
             "For the programme officers of the Kanwil, the directorate and the UPT. Anyone can check a transcript without signing in at /verifikasi.")
    }
    public var name: String { pick("Nama pengguna", "User name") }
    public var password: String { pick("Kata sandi", "Password") }
    public var signIn: String { pick("Masuk", "Sign in") }
    public var signOut: String { pick("Keluar", "Sign out") }
    public var wrongCredentials: String { pick("Nama pengguna atau kata sandi salah.", "Wrong user name or password.") }
    public var locked: String {
        pick("Terlalu banyak percobaan gagal untuk nama ini. Coba lagi dalam 15 menit.", "Too many failed attempts for this name. Try again in 15 minutes.")
    }
    public var addressLimited: String {
        pick("Terlalu banyak percobaan gagal dari alamat ini. Coba lagi dalam 15 menit.", "Too many failed attempts from this address. Try again in 15 minutes.")
    }
    public var busy: String {
        pick("Pusat sedang memeriksa sandi lain. Coba lagi sebentar lagi.", "The centre is checking other passwords. Try again in a moment.")
    }
    public var formExpired: String {
        pick("Formulir ini sudah tidak berlaku (token CSRF tidak cocok). Muat ulang halaman lalu coba lagi.",
             "This form is no longer valid (its CSRF token does not match). Reload the page and try again.")
    }
    public var signedInAs: String { pick("Masuk sebagai", "Signed in as") }
    public func role(_ role: String, kanwil: String?, cafe: String?) -> String {
        switch role {
        case "directorate": return pick("Ditjenpas: semua kafe", "Directorate: every café")
        case "kanwil": return pick("Kanwil \(kanwil ?? "")", "Regional office \(kanwil ?? "")")
        default: return pick("Kafe \(cafe ?? "")", "Café \(cafe ?? "")")
        }
    }
    public var overviewTitle: String { pick("Ringkasan kafe", "Cafés at a glance") }
    public var overviewIntro: String {
        pick("Kafe yang perlu perhatian di atas: yang diam, lalu yang beralarm, lalu yang paling lama tidak mengirim jurnal.",
             "The cafés that need attention first: quiet ones, then those with alarms, then the longest since they sent their journal.")
    }
    public var noCafes: String { pick("Belum ada kafe yang dapat Anda lihat.", "There is no café you may see yet.") }
    public var month: String { pick("Bulan", "Month") }
    public var previous: String { pick("← bulan sebelumnya", "← previous month") }
    public var next: String { pick("bulan berikutnya →", "next month →") }
    public var anchorAge: String { pick("Umur jangkar", "Anchor age") }
    public func age(_ seconds: TimeInterval) -> String {
        let minutes = Int(seconds / 60)
        if minutes < 60 { return pick("\(max(minutes, 0)) menit", "\(max(minutes, 0)) min") }
        if minutes < 48 * 60 { return pick("\(minutes / 60) jam", "\(minutes / 60) h") }
        return pick("\(minutes / 1_440) hari", "\(minutes / 1_440) days")
    }
    public var netRevenue: String { pick("Pendapatan bersih", "Net revenue") }
    public var pnbpDue: String { pick("PNBP terutang", "PNBP due") }
    public var pnbpDeposited: String { pick("PNBP disetor", "PNBP deposited") }
    public var alarmsTitle: String { pick("Alarm bulan ini", "Alarms this month") }
    public var noAlarms: String { pick("Tidak ada alarm bulan ini.", "No alarms this month.") }
    public var kind: String { pick("Jenis", "Kind") }
    public var at: String { pick("Waktu", "When") }
    public var detail: String { pick("Rincian", "Detail") }
    public var notYours: String {
        pick("Kafe ini bukan wewenang Anda. Permintaan ini dicatat.", "This café is not yours to see. The request has been logged.")
    }
    public var alarmsPage: String { pick("Alarm", "Alarms") }
    public var evidence: String { pick("Bukti", "Evidence") }
    public func batch(_ id: Int64, claimed: String, first: Int64, last: Int64, received: String, outcome: String, bytes: Int) -> String {
        pick("kiriman #\(id) atas nama \(claimed), entri #\(first)–#\(last), diterima \(received), \(outcome == "refused" ? "ditolak" : outcome)"
                + (bytes > 0 ? ", \(bytes) bita disimpan utuh" : ""),
             "batch #\(id) as \(claimed), entries #\(first)–#\(last), received \(received), \(outcome)" + (bytes > 0 ? ", \(bytes) bytes kept whole" : ""))
    }
    public var noEvidence: String { pick("tanpa kiriman (dinaikkan pusat sendiri)", "no batch (raised by the centre itself)") }
    public var acknowledgement: String { pick("Tanggapan", "Acknowledgement") }
    public func acknowledged(by: String, at: String, note: String) -> String {
        pick("Ditanggapi \(by), \(at): \(note)", "Acknowledged by \(by), \(at): \(note)")
    }
    public var note: String { pick("Catatan", "Note") }
    public var acknowledge: String { pick("Tanggapi", "Acknowledge") }
    public var notYourAlarm: String {
        pick("Alarm ini bukan wewenang Anda. Permintaan ini dicatat.", "This alarm is not yours to acknowledge. The request has been logged.")
    }
    public var wbpList: String { pick("Kemajuan WBP", "WBP progress") }
    public func wbpTitle(code: String, alias: String) -> String { "WBP \(code) (\(alias))" }
    public var wbpIntro: String {
        pick("Pusat hanya memegang kode dan alias: nama ada di kafe.", "The centre holds a code and an alias only: names stay at the café.")
    }
    public var hoursThisMonth: String { pick("Jam bulan ini", "Hours this month") }
    public var days: String { pick("Hari kerja", "Days worked") }
    public var orders: String { pick("Pesanan", "Orders") }
    public var items: String { pick("Item dibuat", "Items made") }
    public var lastSixMonths: String { pick("Enam bulan terakhir", "The last six months") }
    public var hours: String { pick("Jam", "Hours") }
    public var competencies: String { pick("Unit kompetensi", "Competency units") }
    public var unit: String { pick("Unit", "Unit") }
    public var practice: String { pick("Jam latihan / saran", "Practice / suggested hours") }
    public var lastResult: String { pick("Asesmen terakhir", "Latest assessment") }
    public var transcripts: String { pick("Transkrip yang diterbitkan", "Transcripts issued") }
    public var noTranscripts: String { pick("Belum ada transkrip yang diterbitkan.", "No transcript issued yet.") }
    public var issuedAt: String { pick("Diterbitkan", "Issued") }
    public var journalRow: String { pick("Baris jurnal", "Journal row") }
    public var noSuchWBP: String { pick("WBP ini tidak ada di kafe ini bulan ini.", "No such WBP at this café this month.") }
    public var notFound: String { pick("Halaman tidak ada.", "No such page.") }
    public var badMonth: String { pick("Bulan ditulis TTTT-BB, misalnya 2026-11.", "A month is written YYYY-MM, e.g. 2026-11.") }
    public var unavailable: String {
        pick("Pusat sedang tidak dapat membaca datanya. Coba lagi beberapa saat lagi.", "The centre cannot read its data just now. Try again in a while.")
    }
}
