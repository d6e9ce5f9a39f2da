import Foundation
import KasirCore

/// A word or heading of the reports and the transcript.
public enum ReportWord: Sendable {
    // Columns and figures.
    case hours, days, orders, items, quantity, revenue, total, premi, skill, unit, code, title, amount, month, station
    case ordersPerHourShort, itemsPerHourShort, modifierShort, lastResult, linesRemoved, ordersVoided, cashVariance, revenueHandled
    case basis, measure, value, item, date, assessor, result, note, writtenBy
    // Training report.
    case trainingReport, trainingHoursPerWBP, summaryWithPrevious, hoursByStation, itemsBySkillWithPrevious, care
    case competenciesSoFar, competencyUnits, openAttendance, unverifiedUnit, lastSixMonthsHours, lastSixMonthsItems
    case competencyProgress, coachingNotes
    // Premi, sales, programme.
    case profitSplit, revenueNet, costOfGoods, profit, workingCapital, pnbpDepositedThisMonth, pnbpNotDeposited, premiPerWBP
    case notClosed, sales, byGrouping, programmeReport, participants, trainingHours, hoursPerParticipant, pnbpShare, pnbpDeposited
    case competenciesAchieved
    // Transcript.
    case transcriptTitle, transcriptSubtitle, name, registration, codeAndAlias, period, decrees, revoked, summary
    case suppliedHours, ordersServed, itemsMade, premiCredited, hoursPerMonth, skillMeasures, itemsPerSkillPerMonth
    case competencyPractice, assessments, premiPerMonth, documentNumber, competent, notYetCompetent, none
    case ordersPerHour, itemsPerHour, modifierShare, linesRemovedPerHundred, ordersVoidedPerHundred, cashVarianceAtKasir
    case practiceHours, suggestedHours, signedAt
    // What the training report's short headings mean.
    case summaryLegend
}

extension Catalog {
    /// A word of the reports, in the configured language.
    public func word(_ word: ReportWord) -> String {
        switch word {
        case .hours: return pick("Jam", "Hours")
        case .days: return pick("Hari", "Days")
        case .orders: return pick("Pesanan", "Orders")
        case .items: return "Item"
        case .quantity: return pick("Jumlah", "Quantity")
        case .revenue: return pick("Pendapatan", "Revenue")
        case .total: return "Total"
        case .premi: return "Premi"
        case .skill: return pick("Keterampilan", "Skill")
        case .unit: return "Unit"
        case .code: return pick("Kode", "Code")
        case .title: return pick("Judul", "Title")
        case .amount: return pick("Jumlah", "Amount")
        case .month: return pick("Bulan", "Month")
        case .station: return pick("Stasiun", "Station")
        case .ordersPerHourShort: return pick("Psn/jam", "Ord/h")
        case .itemsPerHourShort: return pick("Item/jam", "Items/h")
        case .modifierShort: return "Mod"
        case .lastResult: return pick("Hasil terakhir", "Last result")
        case .linesRemoved: return pick("Baris dihapus", "Lines removed")
        case .ordersVoided: return pick("Pesanan batal", "Orders voided")
        case .cashVariance: return pick("Selisih kas", "Cash variance")
        case .revenueHandled: return pick("Omzet dilayani", "Revenue handled")
        case .basis: return pick("Dasar", "Basis")
        case .measure: return pick("Ukuran", "Measure")
        case .value: return pick("Nilai", "Value")
        case .item: return pick("Pos", "Item")
        case .date: return pick("Tanggal", "Date")
        case .assessor: return pick("Asesor", "Assessor")
        case .result: return pick("Hasil", "Result")
        case .note: return pick("Catatan", "Note")
        case .writtenBy: return pick("Oleh", "By")
        case .trainingReport: return pick("Laporan Pelatihan", "Training Report")
        case .trainingHoursPerWBP: return pick("Jam pelatihan per WBP", "Training hours per WBP")
        case .summaryWithPrevious: return pick("Jam, hari dan hasil kerja (bulan lalu dalam kurung)", "Hours, days and output (previous month in brackets)")
        case .hoursByStation: return pick("Jam per stasiun", "Hours by station")
        case .itemsBySkillWithPrevious: return pick("Item dibuat per keterampilan (bulan lalu dalam kurung)", "Items made by skill (previous month in brackets)")
        case .care: return pick("Ketelitian", "Care")
        case .competenciesSoFar: return pick("Kompetensi (jam latihan sampai bulan ini / saran)", "Competencies (practice hours so far / suggested)")
        case .competencyUnits: return pick("Unit kompetensi", "Competency units")
        case .openAttendance: return pick("Absen belum ditutup (tidak dihitung): ", "Open attendance (not counted): ")
        case .unverifiedUnit: return pick("* unit belum terverifikasi (sementara, belum dari sumber resmi).", "* unit not verified (placeholder).")
        case .lastSixMonthsHours: return pick("Jam enam bulan terakhir", "Hours, last six months")
        case .lastSixMonthsItems: return pick("Item per keterampilan, enam bulan terakhir", "Items by skill, last six months")
        case .competencyProgress: return pick("Kemajuan kompetensi (jam latihan / saran)", "Competency progress (practice hours / suggested)")
        case .coachingNotes: return pick("Catatan pembinaan", "Coaching notes")
        case .profitSplit: return pick("Pembagian laba", "Profit split")
        case .revenueNet: return pick("Pendapatan (tanpa PB1, setelah refund)", "Revenue (net of PB1 and refunds)")
        case .costOfGoods: return pick("Harga pokok", "Cost of goods")
        case .profit: return pick("Laba", "Profit")
        case .workingCapital: return pick("Modal kerja", "Working capital")
        case .pnbpDepositedThisMonth: return pick("PNBP disetor bulan ini", "PNBP deposited this month")
        case .pnbpNotDeposited: return pick("PNBP belum disetor", "PNBP not yet deposited")
        case .premiPerWBP: return pick("Premi per WBP", "Premi per WBP")
        case .notClosed: return pick(" (belum ditutup)", " (not closed)")
        case .sales: return pick("Penjualan", "Sales")
        case .byGrouping: return pick("per ", "by ")
        case .programmeReport: return pick("Laporan Program", "Programme Report")
        case .participants: return pick("Peserta", "Participants")
        case .trainingHours: return pick("Jam pelatihan", "Training hours")
        case .hoursPerParticipant: return pick("Jam per peserta", "Hours per participant")
        case .pnbpShare: return pick("Bagian PNBP", "PNBP share")
        case .pnbpDeposited: return pick("PNBP disetor", "PNBP deposited")
        case .competenciesAchieved: return pick("Kompetensi tercapai", "Competencies achieved")
        case .transcriptTitle: return pick("TRANSKRIP PELATIHAN KERJA", "WORK TRAINING TRANSCRIPT")
        case .transcriptSubtitle: return pick("Program asimilasi warga binaan", "Assimilation programme for inmates")
        case .name: return pick("Nama", "Name")
        case .registration: return pick("Nomor registrasi", "Registration number")
        case .codeAndAlias: return pick("Kode (alias)", "Code (alias)")
        case .period: return pick("Masa kegiatan", "Period")
        case .decrees: return pick("SK asimilasi", "Assimilation decrees")
        case .revoked: return pick("dicabut", "revoked")
        case .summary: return pick("Ringkasan", "Summary")
        case .suppliedHours: return pick("Jam kerja terbimbing", "Supervised working hours")
        case .ordersServed: return pick("Pesanan dilayani", "Orders served")
        case .itemsMade: return pick("Item dibuat", "Items made")
        case .premiCredited: return pick("Premi diterima", "Premi credited")
        case .hoursPerMonth: return pick("Jam per bulan", "Hours per month")
        case .skillMeasures: return pick("Ukuran keterampilan per bulan", "Skill measures per month")
        case .itemsPerSkillPerMonth: return pick("Item per keterampilan per bulan", "Items by skill per month")
        case .competencyPractice: return pick("Unit kompetensi: jam latihan terhadap saran", "Competency units: practice hours against the suggestion")
        case .assessments: return pick("Asesmen", "Assessments")
        case .premiPerMonth: return pick("Premi per bulan", "Premi per month")
        case .documentNumber: return pick("Nomor dokumen", "Document number")
        case .competent: return "Kompeten"
        case .notYetCompetent: return "Belum Kompeten"
        case .none: return pick("belum ada", "none yet")
        case .ordersPerHour: return pick("Pesanan per jam", "Orders per hour")
        case .itemsPerHour: return pick("Item per jam", "Items per hour")
        case .modifierShare: return pick("Porsi dengan modifikasi (%)", "Items with modifiers (%)")
        case .linesRemovedPerHundred: return pick("Baris dihapus per 100 pesanan", "Lines removed per 100 orders")
        case .ordersVoidedPerHundred: return pick("Pesanan batal per 100 pesanan", "Orders voided per 100 orders")
        case .cashVarianceAtKasir: return pick("Selisih kas di stasiun kasir (Rp)", "Cash variance at the kasir station (Rp)")
        case .practiceHours: return pick("Jam latihan", "Practice hours")
        case .suggestedHours: return pick("Saran", "Suggested")
        case .signedAt: return pick("Ditetapkan di", "Issued at")
        case .summaryLegend:
            return pick("Psn/jam: pesanan per jam. Mod: porsi dengan pilihan (ukuran, gula …), dalam %.",
                        "Ord/h: orders per hour. Mod: share of items with a modifier (size, sugar …).")
        }
    }

    /// A date as a letter writes it: `29 November 2026`.
    public func longDate(_ day: BusinessDay) -> String {
        let id = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"]
        let en = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return "\(day.day) \((language == .id ? id : en)[day.month - 1]) \(day.year)"
    }

    /// Under a transcript: how its number is checked.
    public func transcriptCheck(number: String, code: String, seq: Int64, asOf: String) -> String {
        pick("Dibuat dari jurnal Kasir sampai baris #\(seq) (\(asOf)). Keaslian: kasir audit document \(number) --staff \(code)",
             "Made from Kasir's journal up to row #\(seq) (\(asOf)). To check it: kasir audit document \(number) --staff \(code)")
    }

    /// Under a transcript: where anyone checks it online, without signing in.
    public func transcriptVerifyOnline(_ url: String) -> String {
        pick("Periksa keasliannya di \(url)", "Check it at \(url)")
    }

    /// Under a programme report: how its number is checked.
    public func programmeCheck(number: String, month: String) -> String {
        pick("Keaslian: kasir audit document \(number) --month \(month)", "To check it: kasir audit document \(number) --month \(month)")
    }
}
