import Foundation
import KasirCore

/// The names shown for what is kept as a code.
///
/// A stored code never changes (it is data in the database and in the journal's hashes); only
/// the name a person reads follows the language. A code this version does not know is shown
/// as it is.
extension Catalog {
    // MARK: The menu's modifiers

    /// A modifier group as a person types it: its first alias on an Indonesian screen (`ukuran`),
    /// its code otherwise (`size`). Both are always accepted.
    public func modifierCode(_ group: ModifierGroup) -> String {
        language == .id ? group.aliases.first ?? group.code : group.code
    }

    /// An option as a person types it: `sedikit` on an Indonesian screen, `less` otherwise.
    public func optionCode(_ option: ModifierOption) -> String {
        language == .id ? option.aliases.first ?? option.code : option.code
    }

    /// `R, L`: a group's options as a person types them.
    public func optionCodes(_ group: ModifierGroup) -> String {
        group.options.map(optionCode).joined(separator: ", ")
    }

    /// One line of the counter's menu: `  ukuran: R L +Rp5.000`.
    public func modifierLine(_ group: ModifierGroup) -> String {
        let several = group.selection == .multiple ? pick(" (boleh lebih dari satu)", " (more than one allowed)") : ""
        return "  \(modifierCode(group))\(several): "
            + group.options.map { $0.priceDelta == .zero ? optionCode($0) : "\(optionCode($0)) +\($0.priceDelta.formatted)" }
                .joined(separator: " ")
    }

    /// `tambahan=shot,vanila`: how several options of a group are typed together.
    func severalExample(_ group: ModifierGroup) -> String? {
        guard group.selection == .multiple, group.options.count >= 2 else { return nil }
        return "\(modifierCode(group))=" + group.options.prefix(2).map(optionCode).joined(separator: ",")
    }

    // MARK: Skills, roles, print jobs

    /// A menu skill as reports show it; the code stays what the database, the journal and
    /// JSON and CSV carry (`manual-brew`).
    public func skillName(_ code: String) -> String {
        switch code {
        case "espresso": return pick("Espreso", "Espresso")
        case "manual-brew": return pick("Seduh manual", "Manual brew")
        case "tea-and-chocolate": return pick("Teh & cokelat", "Tea & chocolate")
        case "service": return pick("Pelayanan", "Service")
        case "food": return pick("Makanan", "Food")
        default: return code
        }
    }

    public func roleName(_ role: StaffRole) -> String {
        switch role {
        case .barista: return "barista"
        case .supervisor: return pick("petugas", "supervisor")
        case .admin: return "admin"
        }
    }

    /// Where a slip stands in the print queue.
    public func printStatusName(_ status: PrintJobStatus) -> String {
        switch status {
        case .pending: return pick("menunggu", "pending")
        case .sending: return pick("dikirim", "sending")
        case .printed: return pick("tercetak", "printed")
        case .failed: return pick("gagal", "failed")
        case .held: return pick("ditahan", "held")
        case .superseded: return pick("diganti", "superseded")
        }
    }

    /// A slip of the print queue: its name, marked as a copy when it is one.
    public func queuedSlipName(_ kind: PrintJobKind) -> String {
        slipName(kind) + (kind.isCopy ? pick(" (salinan)", " (copy)") : "")
    }

    /// A journal entry's kind in words (`audit log`); JSON keeps the stored code.
    public func journalKindName(_ kind: String) -> String {
        switch kind {
        case "order": return pick("pesanan", "order")
        case "order_void": return pick("pesanan dibatalkan", "order voided")
        case "order_refunded": return pick("pesanan direfund", "order refunded")
        case "refund": return "refund"
        case "approval_void": return pick("persetujuan batal", "approval: void")
        case "approval_refund": return pick("persetujuan refund", "approval: refund")
        case "approval_discount": return pick("persetujuan diskon", "approval: discount")
        case "approval_price_override": return pick("persetujuan ubah harga", "approval: price change")
        case "approval_no_sale": return pick("persetujuan buka laci", "approval: no sale")
        case "till_open": return pick("kas dibuka", "till opened")
        case "till_count": return pick("hitung tutup", "closing count")
        case "till_recount": return pick("hitung ulang", "recount")
        case "till_close": return pick("kas ditutup", "till closed")
        case "duty_takeover": return pick("ambil alih tugas", "duty taken over")
        case "cash_in": return pick("kas masuk", "cash paid in")
        case "cash_out": return pick("kas keluar", "cash paid out")
        case "clock_in": return pick("absen masuk", "clock-in")
        case "clock_in_late_entry": return pick("absen masuk (lembar absen)", "clock-in (paper sheet)")
        case "clock_out": return pick("absen keluar", "clock-out")
        case "clock_out_late_entry": return pick("absen keluar (lembar absen)", "clock-out (paper sheet)")
        case "clock_out_admin": return pick("absen keluar (lupa, ditutup admin)", "clock-out (forgotten, closed by an admin)")
        case "break_start": return pick("mulai istirahat", "break started")
        case "break_end": return pick("selesai istirahat", "break ended")
        case "staff_added": return pick("barista didaftarkan", "barista registered")
        case "supervisor_added": return pick("petugas didaftarkan", "supervisor registered")
        case "staff_status": return pick("status diubah", "status changed")
        case "decree_set": return pick("SK dicatat", "decree recorded")
        case "decree_revoked": return pick("SK dicabut", "decree revoked")
        case "pin_changed": return pick("PIN diganti", "PIN changed")
        case "pin_reset": return pick("PIN dipasang ulang", "PIN reset")
        case "pin_failed": return pick("PIN salah", "wrong PIN")
        case "pin_lockout": return pick("terkunci", "locked out")
        case "pin_unlocked": return pick("kunci dibuka", "unlocked")
        case "wbp_pin_set": return pick("PIN WBP dipasang", "WBP PIN set")
        case "wbp_pin_changed": return pick("PIN WBP diganti", "WBP PIN changed")
        case "qris_confirmed": return pick("QRIS dikonfirmasi", "QRIS confirmed")
        case "qris_written_off": return pick("QRIS dihapusbukukan", "QRIS written off")
        case "qris_requested": return pick("kode QRIS dibuat", "QRIS code made")
        case "settlement_imported": return pick("laporan settlement diimpor", "settlement report imported")
        case "security_policy_set": return pick("kebijakan keamanan diubah", "security policy set")
        case "menu_import": return pick("menu diimpor", "menu imported")
        case "menu_item": return pick("menu diubah", "menu item changed")
        case "modifier_group": return pick("pilihan menu diubah", "modifier group changed")
        case "item_available": return pick("menu ada lagi", "item available")
        case "item_sold_out": return pick("menu habis", "item sold out")
        case "reprint": return pick("cetak ulang", "reprint")
        case "coaching_note": return pick("catatan pembinaan", "coaching note")
        case "assessment": return pick("asesmen", "assessment")
        case "monthly_cost": return pick("harga pokok bulanan", "monthly cost")
        case "premi_close": return pick("premi ditutup", "premi closed")
        case "premi_credit": return pick("premi dikreditkan", "premi credited")
        case "practice_hours": return pick("jam latihan", "practice hours")
        case "pnbp_deposit": return pick("setoran PNBP", "PNBP deposit")
        case "backup_created": return pick("cadangan dibuat", "backup created")
        case "backup_restored": return pick("cadangan dipulihkan", "backup restored")
        case "schema_upgrade": return pick("pembaruan basis data", "database upgrade")
        case "baseline": return pick("catatan awal", "baseline")
        case "baseline_mismatch": return pick("catatan awal berbeda", "baseline mismatch")
        case "baseline_missing": return pick("catatan awal hilang", "baseline missing")
        default: return kind
        }
    }

    /// A field named in a message (`Isian NIP kosong…`): the form's word, or the option to give.
    public func fieldName(_ field: String) -> String {
        switch field {
        case "nip": return "NIP"
        case "name": return pick("nama", "name")
        case "supervisor-name": return pick("nama petugas", "supervisor's name")
        case "alias": return "alias"
        case "registration": return pick("nomor registrasi", "registration number")
        case "decree": return pick("nomor SK", "decree number")
        case "reason": return pick("alasan", "reason")
        case "text": return pick("teks", "text")
        case "note": return pick("catatan", "note")
        case "station": return pick("stasiun", "station")
        case "direction": return pick("arah kas", "direction")
        case "state": return pick("keadaan (on/off)", "state (on/off)")
        case "type", "group", "format", "result", "years", "status": return "--" + field
        default: return field
        }
    }

    // MARK: Lockout

    /// A supervisor locked out after wrong PINs: until when, on the café's clock, and what to
    /// do next.
    public func lockedOut(_ code: String, until: Date) -> String {
        let time = "\(calendar.clockTime(of: until)) \(calendar.zoneLabel)"
        let day = calendar.day(of: until)
        return pick("\(code) terkunci karena PIN salah berulang, sampai pukul \(time) (\(day)). "
                        + "Coba lagi sesudahnya, atau admin membuka kuncinya: kasir staff unlock \(code) --by ADMIN",
                    "\(code) is locked after repeated wrong PINs, until \(time) (\(day)). "
                        + "Try again after that, or an admin unlocks it: kasir staff unlock \(code) --by ADMIN")
    }

    // MARK: Figures for people

    /// A decimal figure for people: `0,14` in Indonesian, `0.14` in English. CSV and JSON,
    /// which scripts read, keep the dot.
    public func decimal(_ value: Double, places: Int = 2) -> String {
        let text = String(format: "%.\(places)f", value)
        return language == .id ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// A till's variance in words, never a bare sign: `selisih kurang Rp104`, `selisih lebih
    /// Rp104`, `selisih Rp0`.
    public func variance(_ amount: Rupiah) -> String {
        if amount < .zero { return pick("selisih kurang \(-amount)", "short \(-amount)") }
        if amount > .zero { return pick("selisih lebih \(amount)", "over \(amount)") }
        return pick("selisih \(amount)", "variance \(amount)")
    }
}
