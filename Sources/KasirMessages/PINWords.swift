import Foundation
import KasirCore
import KasirStore

/// The words of supervisors' PINs: a weak PIN refused, a lockout only an admin lifts, and what
/// a supervisor is told once when their PIN opens the door.
extension Catalog {
    /// Why a new PIN is refused, one line each.
    public func weakPIN(_ weakness: WeakPIN) -> String {
        switch weakness {
        case .oneDigit:
            return pick("PIN tidak boleh satu angka yang diulang (seperti 111111).", "A PIN may not be one digit repeated (like 111111).")
        case .sequence:
            return pick("PIN tidak boleh angka berurutan (seperti 123456 atau 654321).",
                        "A PIN may not be digits in sequence (like 123456 or 654321).")
        case .pattern:
            return pick("PIN tidak boleh pola berulang (seperti 121212, 123123 atau 112233).",
                        "A PIN may not be a repeated pattern (like 121212, 123123 or 112233).")
        case .common:
            return pick("PIN ini termasuk yang paling sering dipakai orang: pilih yang lain.",
                        "This PIN is one of those people choose most: choose another.")
        case .nip:
            return pick("PIN tidak boleh diambil dari NIP atau tanggal lahir petugas.",
                        "A PIN may not come from the supervisor's NIP or birth date.")
        }
    }

    /// A second lockout within 24 hours: no time ends it.
    public func lockedUntilUnlocked(_ code: String) -> String {
        pick("\(code) terkunci karena PIN salah berulang, untuk kedua kalinya dalam 24 jam: hanya admin yang dapat membuka kuncinya: "
                + "kasir staff unlock \(code) --by ADMIN",
             "\(code) is locked after repeated wrong PINs, for the second time in 24 hours: only an admin can unlock it: "
                + "kasir staff unlock \(code) --by ADMIN")
    }

    /// What a supervisor is told, once, when their PIN is right: the wrong PINs typed for them
    /// since their last sign-in ("3 PIN salah sejak 02-12 09:14 WITA"), and a PIN today's rule
    /// calls weak. No line when there is nothing to say.
    public func signInNotice(_ code: String, _ notice: SignInNotice) -> [String] {
        var lines: [String] = []
        if notice.failures > 0 {
            let since = notice.since.map { instant -> String in
                let day = calendar.day(of: instant)
                return String(format: "%02d-%02d ", day.day, day.month) + "\(calendar.clockTime(of: instant)) \(calendar.zoneLabel)"
            }
            let count = notice.failures
            if let since {
                lines.append(pick("\(count) PIN salah sejak \(since) untuk \(code): bila bukan Anda, lapor ke admin.",
                                  "\(count) wrong \(count == 1 ? "PIN" : "PINs") since \(since) for \(code): if it was not you, tell an admin."))
            } else {
                lines.append(pick("\(count) PIN salah untuk \(code) sejak masuk terakhir: bila bukan Anda, lapor ke admin.",
                                  "\(count) wrong \(count == 1 ? "PIN" : "PINs") for \(code) since the last sign-in: if it was not you, tell an admin."))
            }
        }
        if notice.weakPIN {
            lines.append(pick("PIN \(code) lemah menurut aturan PIN sekarang: ganti dengan kasir staff pin \(code)",
                              "\(code)'s PIN is weak by today's PIN rule: change it with kasir staff pin \(code)"))
        }
        return lines
    }
}
