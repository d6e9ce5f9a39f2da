import Foundation
import KasirConfig
import KasirCore

/// Lays each report out as a ``ReportDocument`` in the interface language.
public struct ReportLayout {
    let language: Language
    let cafe: String

    public init(settings: CafeSettings) {
        language = settings.language
        cafe = settings.name
    }

    func pick(_ id: String, _ en: String) -> String { language == .id ? id : en }
    func hours(_ value: Double) -> String { String(format: "%.2f", value) }
    func money(_ value: Int64) -> String { Rupiah(value).formatted }

    public func document(_ report: TrainingReport, skills: [String]) -> ReportDocument {
        let named = report.staff.contains { $0.name != nil }
        var csvColumns = ["month", "code", "alias"] + (named ? ["name", "registration"] : [])
        csvColumns += ["hours", "days", "hours_kasir", "hours_bar", "hours_dapur", "orders", "items"] + skills.map { "items_\($0)" }
        csvColumns += ["orders_per_hour", "modifier_share", "lines_removed", "orders_voided", "cash_variance", "revenue",
                       "previous_hours", "previous_orders", "previous_items", "premi"]
        let csvRows = report.staff.map { entry -> [String] in
            var row = [report.month, entry.code, entry.alias] + (named ? [entry.name ?? "", entry.registration ?? ""] : [])
            row += [hours(entry.hours), "\(entry.days)"] + ["kasir", "bar", "dapur"].map { hours(entry.metrics.hoursByStation[$0] ?? 0) }
            row += ["\(entry.orders)", "\(entry.items)"] + skills.map { "\(entry.itemsBySkill[$0] ?? 0)" }
            row += [String(format: "%.2f", entry.metrics.ordersPerHour), String(format: "%.2f", entry.metrics.modifierShare),
                    "\(entry.metrics.linesRemoved)", "\(entry.metrics.ordersVoided)", "\(entry.metrics.cashVariance)", "\(entry.metrics.revenue)",
                    hours(entry.previous.hours), "\(entry.previous.orders)", "\(entry.previous.items)", entry.premi.map { "\($0)" } ?? ""]
            return row
        }
        let summary = ReportDocument.Table(
            title: pick("Jam, hari dan hasil kerja (bulan lalu dalam kurung)", "Hours, days and output (previous month in brackets)"),
            columns: ["WBP", pick("Jam", "Hours"), pick("Hari", "Days"), pick("Pesanan", "Orders"), "Item", pick("Psn/jam", "Ord/h"), "Mod", "Premi"],
            rows: report.staff.map { entry in
                [entry.alias + (entry.name.map { " (\($0))" } ?? "") + " \(entry.code)",
                 "\(hours(entry.hours)) (\(hours(entry.previous.hours)))", "\(entry.days)",
                 "\(entry.orders) (\(entry.previous.orders))", "\(entry.items) (\(entry.previous.items))",
                 String(format: "%.2f", entry.metrics.ordersPerHour), String(format: "%.0f%%", entry.metrics.modifierShare * 100),
                 entry.premi.map { money($0) } ?? "-"]
            }, numeric: [1, 2, 3, 4, 5, 6, 7])
        let stations = ReportDocument.Table(
            title: pick("Jam per stasiun", "Hours by station"), columns: ["WBP", "kasir", "bar", "dapur"],
            rows: report.staff.map { entry in [entry.alias] + ["kasir", "bar", "dapur"].map { hours(entry.metrics.hoursByStation[$0] ?? 0) } },
            numeric: [1, 2, 3])
        let bySkill = ReportDocument.Table(
            title: pick("Item dibuat per keterampilan (bulan lalu dalam kurung)", "Items made by skill (previous month in brackets)"),
            columns: [pick("Keterampilan", "Skill")] + report.staff.map(\.alias),
            rows: skills.map { skill in
                [skill] + report.staff.map { "\($0.itemsBySkill[skill] ?? 0) (\($0.previous.itemsBySkill[skill] ?? 0))" }
            }, numeric: Set(1...max(report.staff.count, 1)))
        let conduct = ReportDocument.Table(
            title: pick("Ketelitian", "Care"),
            columns: ["WBP", pick("Baris dihapus", "Lines removed"), pick("Pesanan batal", "Orders voided"), pick("Selisih kas", "Cash variance"),
                      pick("Omzet dilayani", "Revenue handled")],
            rows: report.staff.map { [$0.alias, "\($0.metrics.linesRemoved)", "\($0.metrics.ordersVoided)", money($0.metrics.cashVariance), money($0.metrics.revenue)] },
            numeric: [1, 2, 3, 4])
        let competencies = ReportDocument.Table(
            title: pick("Kompetensi (jam latihan sampai bulan ini / saran)", "Competencies (practice hours so far / suggested)"),
            columns: ["WBP", pick("Unit", "Unit"), pick("Jam", "Hours"), pick("Hasil terakhir", "Last result")],
            rows: report.staff.flatMap { entry in
                entry.competencies.map { unit in
                    [entry.alias, unit.code + (unit.verified ? "" : "*"), "\(hours(unit.practiceHours))/\(unit.suggestedHours)",
                     unit.lastResult.map { "\($0) \(unit.lastAssessed ?? "")" } ?? "-"]
                }
            }, numeric: [2])
        let units = ReportDocument.Table(
            title: pick("Unit kompetensi", "Competency units"), columns: [pick("Kode", "Code"), pick("Judul", "Title")],
            rows: (report.staff.first?.competencies ?? []).map { [$0.code + ($0.verified ? "" : "*"), $0.title] })
        var notes = report.warnings.map { pick("Absen belum ditutup (tidak dihitung): ", "Open attendance (not counted): ") + $0 }
        notes.append(pick("* unit belum terverifikasi (placeholder).", "* unit not verified (placeholder)."))
        return ReportDocument(
            title: pick("Laporan Pelatihan", "Training Report") + " \(report.month)", subtitle: cafe,
            csv: ReportDocument.Table(columns: csvColumns, rows: csvRows),
            tables: [summary, stations, bySkill, conduct, competencies, units],
            chart: (pick("Jam pelatihan per WBP", "Training hours per WBP"), report.staff.map { ($0.alias, $0.hours) }), notes: notes)
    }

    public func document(_ report: PremiReport) -> ReportDocument {
        let named = report.shares.contains { $0.name != nil }
        let split = ReportDocument.Table(
            title: pick("Pembagian laba", "Profit split"), columns: [pick("Pos", "Item"), pick("Jumlah", "Amount")],
            rows: [[pick("Pendapatan (tanpa PB1, setelah refund)", "Revenue (net of PB1 and refunds)"), money(report.revenue)],
                   [pick("Harga pokok", "Cost of goods"), money(report.cost)], [pick("Laba", "Profit"), money(report.profit)],
                   ["Premi", money(report.premiPool)], ["PNBP", money(report.pnbpShare)], [pick("Modal kerja", "Working capital"), money(report.capitalShare)],
                   [pick("PNBP disetor bulan ini", "PNBP deposited this month"), money(report.pnbpDeposited)],
                   [pick("PNBP belum disetor", "PNBP not yet deposited"), money(report.pnbpNotDeposited)]],
            numeric: [1])
        let shares = ReportDocument.Table(
            title: pick("Premi per WBP", "Premi per WBP"), columns: ["WBP", pick("Jam", "Hours"), pick("Dasar", "Basis"), "Premi"],
            rows: report.shares.map { [$0.alias + ($0.name.map { " (\($0))" } ?? ""), hours($0.hours), hours($0.basisHours), money($0.premi)] },
            numeric: [1, 2, 3])
        return ReportDocument(
            title: "Premi \(report.month)" + (report.closed ? "" : pick(" (belum ditutup)", " (not closed)")), subtitle: cafe,
            csv: ReportDocument.Table(
                columns: ["month", "code", "alias"] + (named ? ["name"] : []) + ["hours", "basis_hours", "premi"],
                rows: report.shares.map { [report.month, $0.code, $0.alias] + (named ? [$0.name ?? ""] : []) + [hours($0.hours), hours($0.basisHours), "\($0.premi)"] }),
            tables: [split, shares], chart: ("Premi", report.shares.map { ($0.alias, Double($0.premi)) }))
    }

    public func document(_ report: SalesReport) -> ReportDocument {
        ReportDocument(
            title: pick("Penjualan", "Sales") + " \(report.from) – \(report.to)", subtitle: cafe + " · " + pick("per ", "by ") + report.by,
            csv: ReportDocument.Table(columns: ["key", "orders", "quantity", "revenue"],
                                      rows: report.rows.map { [$0.key, "\($0.orders)", "\($0.quantity)", "\($0.revenue)"] }),
            tables: [ReportDocument.Table(
                columns: [report.by, pick("Pesanan", "Orders"), pick("Jumlah", "Quantity"), pick("Pendapatan", "Revenue")],
                rows: report.rows.map { [$0.key, "\($0.orders)", "\($0.quantity)", money($0.revenue)] }
                    + [[pick("Total", "Total"), "\(report.orders)", "", money(report.revenue)]],
                numeric: [1, 2, 3])],
            chart: (pick("Pendapatan", "Revenue"), report.rows.map { ($0.key, Double($0.revenue)) }))
    }

    public func document(_ report: ProgrammeReport) -> ReportDocument {
        let rows: [[String]] = [
            [pick("Peserta", "Participants"), "\(report.participants)"], [pick("Jam pelatihan", "Training hours"), hours(report.totalHours)],
            [pick("Jam per peserta", "Hours per participant"), hours(report.hoursPerParticipant)],
            [pick("Pendapatan", "Revenue"), money(report.revenue)], [pick("Bagian PNBP", "PNBP share"), money(report.pnbpShare)],
            [pick("PNBP disetor", "PNBP deposited"), money(report.pnbpDeposited)],
            [pick("PNBP belum disetor", "PNBP not yet deposited"), money(report.pnbpNotDeposited)],
            [pick("Premi", "Premi") + (report.premiClosed ? "" : pick(" (belum ditutup)", " (not closed)")), money(report.premiPool)],
            [pick("Kompetensi tercapai", "Competencies achieved"), "\(report.competenciesAchieved.count)"],
        ]
        return ReportDocument(
            title: pick("Laporan Program", "Programme Report") + " \(report.month)", subtitle: cafe,
            csv: ReportDocument.Table(columns: ["month", "participants", "total_hours", "hours_per_participant", "revenue", "pnbp_share",
                                                "pnbp_deposited", "pnbp_not_deposited", "premi_pool", "competencies_achieved"],
                                      rows: [[report.month, "\(report.participants)", hours(report.totalHours), hours(report.hoursPerParticipant),
                                              "\(report.revenue)", "\(report.pnbpShare)", "\(report.pnbpDeposited)", "\(report.pnbpNotDeposited)",
                                              "\(report.premiPool)", "\(report.competenciesAchieved.count)"]]),
            tables: [ReportDocument.Table(columns: [pick("Ukuran", "Measure"), pick("Nilai", "Value")], rows: rows, numeric: [1])]
                + (report.competenciesAchieved.isEmpty ? [] : [ReportDocument.Table(
                    title: pick("Kompetensi tercapai", "Competencies achieved"), columns: ["WBP / unit"], rows: report.competenciesAchieved.map { [$0] })]))
    }
}
