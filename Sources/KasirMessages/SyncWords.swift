import Foundation
import KasirCore
import KasirLedger
import KasirStore

/// The words of the café's journal going to the centre over the network, of the centre's
/// receipts, of how far the centre holds the journal, and of the centre's own key and server.
extension Catalog {
    /// The ``SyncError`` cases of sending over the network (``line(for:)`` words the others).
    func networkLine(for error: SyncError) -> String {
        switch error {
        case .unreachable(let url):
            return pick("Pusat \(url) tidak bisa dihubungi; kasir tetap berjalan seperti biasa, kirim lagi nanti (kasir sync).",
                        "The centre \(url) cannot be reached; the counter works as always; send again later (kasir sync).")
        case .refused(let status, let reason):
            if status == 503 {
                return pick("Basis data pusat sedang tidak tersedia (HTTP 503): tidak ada yang berubah; kirim lagi nanti.",
                            "The centre's database is not available now (HTTP 503): nothing changed; send again later.")
            }
            return pick("Pusat menolak (HTTP \(status)): \(Self.sentence(reason))", "The centre refused (HTTP \(status)): \(Self.sentence(reason))")
        case .badReceipt:
            return pick("Tanda terima pusat tidak ditandatangani kunci pusat yang disematkan, atau tidak sesuai dengan yang dikirim: tidak dipercaya.",
                        "The centre's receipt is not signed by the pinned centre key, or does not match what was sent: not believed.")
        case .centreDisagrees(let seq):
            return pick("Pusat menyimpan entri jurnal #\(seq) dengan hash yang tidak ada di jurnal ini: jurnal ini ditulis ulang atau dipulihkan dari cadangan lama. Tidak ada yang dikirim.",
                        "The centre holds journal entry #\(seq) with a hash this journal does not have there: this journal was rewritten or restored from an old backup. Nothing was sent.")
        case .unknownAtCentre(let cafe):
            return pick("Kafe \(clipped(cafe)) belum terdaftar di pusat: petugas pusat mendaftarkannya dengan kunci publik kafe (kasir-central cafe add).",
                        "The café \(clipped(cafe)) is not enrolled at the centre: the centre's staff enrol it with the café's public key (kasir-central cafe add).")
        case .centreKeyDiffers(let typed, let fetched):
            return pick("Kunci yang diberikan pusat di alamat itu (sidik jari \(fetched)) bukan kunci yang diketik (\(typed)): tidak bergabung.",
                        "The key the centre at that address gives (fingerprint \(fetched)) is not the one typed (\(typed)): not joined.")
        case .unsendable(let seq):
            return pick("Entri jurnal #\(seq) tidak seperti yang ditulis Kasir (teks bebasnya tidak tertutup, atau pengodeannya lama): ditulis tangan atau rusak. Tidak ada yang dikirim; periksa dengan kasir audit verify.",
                        "Journal entry #\(seq) is not as Kasir writes entries (its free text is not withheld, or its encoding is old): written by hand or broken. Nothing was sent; check with kasir audit verify.")
        case .alreadyJoined, .notJoined, .keyUnreadable, .keyMismatch, .badURL, .badCafeCode, .badCentreKey, .cannotWrite, .keyExposed,
            .journalNotIntact:
            return line(for: error)
        }
    }

    func line(for error: KeyFileError) -> String {
        switch error {
        case .unreadable(let path):
            return pick("Berkas kunci \(clipped(path, to: 80)) tidak ada, tidak bisa dibaca akun ini, atau bukan kunci Ed25519.",
                        "The key file \(clipped(path, to: 80)) is missing, cannot be read by this account, or holds no Ed25519 key.")
        case .exposed(let path):
            return pick("Berkas kunci \(clipped(path, to: 80)) bisa dibaca akun lain, milik akun lain, atau bukan berkas biasa (harus 0600 milik akun ini): tidak dipakai.",
                        "The key file \(clipped(path, to: 80)) can be read by other accounts, belongs to another, or is not a plain file (it must be 0600, this account's): not used.")
        case .cannotWrite(let path):
            return pick("Berkas kunci \(clipped(path, to: 80)) tidak bisa dibuat (sudah ada sesuatu di sana, atau foldernya menolak).",
                        "The key file \(clipped(path, to: 80)) cannot be made (something is there already, or its folder refuses).")
        }
    }

    func line(for error: LedgerReceiptError) -> String {
        switch error {
        case .badSignature(let cafe):
            return pick("Tanda terima pusat untuk \(clipped(cafe)) tidak ditandatangani kunci pusat: tidak dipercaya.",
                        "The centre's receipt for \(clipped(cafe)) is not signed by the centre's key: not believed.")
        }
    }

    func line(for error: CentralServeError) -> String {
        switch error {
        case .badListen(let text):
            return pick("--listen \"\(text)\" harus HOST:PORT dengan port 1–65535, mis. 127.0.0.1:8443.",
                        "--listen \"\(text)\" must be HOST:PORT with a port 1–65535, e.g. 127.0.0.1:8443.")
        case .tlsHalfGiven:
            return pick("TLS perlu --tls-certificate dan --tls-key bersama (atau keduanya tidak, untuk HTTP di belakang nginx).",
                        "TLS needs --tls-certificate and --tls-key together (or neither, for HTTP behind nginx).")
        case .unreadableCertificate(let path):
            return pick("Sertifikat \(clipped(path, to: 80)) tidak bisa dibaca sebagai sertifikat PEM.",
                        "The certificate \(clipped(path, to: 80)) cannot be read as PEM certificates.")
        case .unreadableTLSKey(let path):
            return pick("Kunci TLS \(clipped(path, to: 80)) tidak bisa dibaca sebagai kunci PEM tanpa sandi.",
                        "The TLS key \(clipped(path, to: 80)) cannot be read as a PEM key without a passphrase.")
        }
    }

    /// A reason as the end of a sentence: one full stop.
    static func sentence(_ reason: String) -> String {
        let trimmed = reason.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "-." }
        return trimmed.hasSuffix(".") ? trimmed : trimmed + "."
    }

    // MARK: kasir sync

    /// `kasir sync`: what went, and where the centre's copy ends.
    ///
    /// ```swift
    /// Catalog(language: .id).syncSent(entries: 12, batches: 1, headSeq: 8812)
    /// // "Terkirim 12 entri dalam 1 kiriman; tercatat di pusat sampai #8812."
    /// ```
    public func syncSent(entries: Int, batches: Int, headSeq: Int64) -> String {
        pick("Terkirim \(entries) entri dalam \(batches) kiriman; tercatat di pusat sampai #\(headSeq).",
             "Sent \(entries) \(entries == 1 ? "entry" : "entries") in \(batches) \(batches == 1 ? "batch" : "batches"); recorded at the centre up to #\(headSeq).")
    }

    /// `kasir sync` with nothing the centre lacks.
    public func syncNothingNew(headSeq: Int64) -> String {
        pick("Tidak ada yang baru; tercatat di pusat sampai #\(headSeq).", "Nothing new; recorded at the centre up to #\(headSeq).")
    }

    /// How far the centre holds the journal, and what waits: `kasir sync status`, `kasir
    /// doctor` and the Z report say it in these words.
    ///
    /// ```swift
    /// catalog.anchorLines(status)
    /// // ["Tercatat di pusat: #8812, 2 Des 14:05 WITA", "BELUM tercatat sejak 2 Des 14:10 WITA: 3 entri"]
    /// ```
    public func anchorLines(_ status: AnchorStatus) -> [String] {
        var lines: [String] = []
        if let seq = status.anchoredSeq, seq > 0 {
            let when = status.anchoredAt.map { ", " + shortTime($0) } ?? ""
            lines.append(pick("Tercatat di pusat: #\(seq)\(when)", "Recorded at the centre: #\(seq)\(when)"))
        } else {
            lines.append(pick("Belum ada yang tercatat di pusat", "Nothing recorded at the centre yet"))
        }
        if status.pending > 0 {
            let since = status.pendingSince.map { pick(" sejak ", " since ") + shortTime($0) } ?? ""
            lines.append(pick("BELUM tercatat\(since): \(status.pending) entri",
                              "NOT yet recorded\(since): \(status.pending) \(status.pending == 1 ? "entry" : "entries")"))
        }
        return lines
    }

    /// A day and time as a status line gives it, in the café's zone: `2 Des 14:05 WITA`.
    public func shortTime(_ instant: Date) -> String {
        let id = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
        let en = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let day = calendar.day(of: instant)
        return "\(day.day) \((language == .id ? id : en)[day.month - 1]) \(calendar.clockTime(of: instant)) \(calendar.zoneLabel)"
    }

    /// `kasir audit verify --central`, when the local chain holds the centre's head.
    public func centralHeadHeld(seq: Int64) -> String {
        seq == 0
            ? pick("Pusat belum menyimpan apa pun dari kafe ini.", "The centre holds nothing of this café yet.")
            : pick("Rantai lokal memuat kepala pusat #\(seq).", "The local chain holds the centre's head #\(seq).")
    }

    // MARK: kasir-central

    /// `kasir-central key`: the centre's key for the cafés to pin, and its fingerprint for its
    /// staff to read out.
    public func centralKeyLines(publicKey: String, fingerprint: String, path: String, created: Bool) -> [String] {
        (created ? [pick("Kunci pusat dibuat: \(path) (0600).", "The centre's key was made: \(path) (0600).")] : [])
            + [pick("Kunci publik pusat: \(publicKey)", "The centre's public key: \(publicKey)"),
               pick("Sidik jari: \(fingerprint) (dibacakan kepada kafe yang bergabung)", "Fingerprint: \(fingerprint) (read out to cafés joining)")]
    }

    /// `kasir-central serve`, once it listens.
    public func centralListening(_ url: String) -> String {
        pick("Pusat mendengarkan di \(url)", "The centre listens at \(url)")
    }
}
