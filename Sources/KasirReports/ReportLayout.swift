import Foundation
import KasirMessages
import KasirConfig
import KasirCore

/// Lays each report out as a ``ReportDocument`` in the interface language; every word comes
/// from the catalogue.
public struct ReportLayout {
    let catalog: Catalog
    let cafe: String

    public init(settings: CafeSettings) {
        catalog = Catalog(language: settings.language, calendar: settings.calendar)
        cafe = settings.name
    }

    func w(_ word: ReportWord) -> String { catalog.word(word) }
    /// Hours for people: `0,14` in Indonesian. Text and HTML only; CSV keeps the dot (``plain(_:)``).
    func hours(_ value: Double) -> String { catalog.decimal(value) }
    /// A figure for scripts: CSV's `0.14`, whatever the language.
    func plain(_ value: Double) -> String { String(format: "%.2f", value) }
    func money(_ value: Int64) -> String { Rupiah(value).formatted }
    func skill(_ code: String) -> String { catalog.skillName(code) }

    /// A document whose charts write decimals as its tables do.
    func withDecimals(_ document: ReportDocument) -> ReportDocument {
        var document = document
        document.decimalComma = catalog.language == .id
        return document
    }

    public func document(_ report: TrainingReport, skills: [String]) -> ReportDocument {
        let named = report.staff.contains { $0.name != nil }
        var csvColumns = ["month", "code", "alias"] + (named ? ["name", "registration"] : [])
        csvColumns += ["hours", "days", "hours_kasir", "hours_bar", "hours_dapur", "orders", "items"] + skills.map { "items_\($0)" }
        csvColumns += ["orders_per_hour", "items_per_hour", "modifier_share", "lines_removed", "orders_voided", "cash_variance", "revenue",
                       "previous_hours", "previous_orders", "previous_items", "premi"]
        // The look back: months before this one, nearest first (m1 is last month).
        let back = 1...5
        csvColumns += back.map { "hours_m\($0)" } + skills.flatMap { skill in back.map { "items_\(skill)_m\($0)" } }
        let units = report.staff.first?.competencies ?? []
        csvColumns += units.flatMap { ["practice_\($0.code)", "suggested_\($0.code)"] } + ["coaching_notes"]
        let csvRows = report.staff.map { entry -> [String] in
            var row = [report.month, entry.code, entry.alias] + (named ? [entry.name ?? "", entry.registration ?? ""] : [])
            row += [plain(entry.hours), "\(entry.days)"] + ["kasir", "bar", "dapur"].map { plain(entry.metrics.hoursByStation[$0] ?? 0) }
            row += ["\(entry.orders)", "\(entry.items)"] + skills.map { "\(entry.itemsBySkill[$0] ?? 0)" }
            row += [String(format: "%.2f", entry.metrics.ordersPerHour), String(format: "%.2f", entry.metrics.itemsPerHour),
                    String(format: "%.2f", entry.metrics.modifierShare),
                    "\(entry.metrics.linesRemoved)", "\(entry.metrics.ordersVoided)", "\(entry.metrics.cashVariance)", "\(entry.metrics.revenue)",
                    plain(entry.previous.hours), "\(entry.previous.orders)", "\(entry.previous.items)", entry.premi.map { "\($0)" } ?? ""]
            let history = Array(entry.history.reversed())   // this month first
            row += back.map { plain(history[$0].hours) }
            row += skills.flatMap { skill in back.map { "\(history[$0].itemsBySkill[skill] ?? 0)" } }
            row += entry.competencies.flatMap { [plain($0.practiceHours), "\($0.suggestedHours)"] }
            row += ["\(entry.notes.count)"]
            return row
        }
        let months = report.staff.first?.history.map(\.month) ?? []
        let hoursBack = ReportDocument.Table(
            title: w(.lastSixMonthsHours), columns: ["WBP"] + months,
            rows: report.staff.map { entry in [entry.alias] + entry.history.map { hours($0.hours) } }, numeric: Set(1...max(months.count, 1)))
        let itemsBack = ReportDocument.Table(
            title: w(.lastSixMonthsItems), columns: ["WBP", w(.skill)] + months,
            rows: report.staff.flatMap { entry in
                skills.filter { skill in entry.history.contains { ($0.itemsBySkill[skill] ?? 0) > 0 } }.map { skill in
                    [entry.alias, self.skill(skill)] + entry.history.map { "\($0.itemsBySkill[skill] ?? 0)" }
                }
            }, numeric: Set(2...max(months.count + 1, 2)))
        let notesTable = ReportDocument.Table(
            title: w(.coachingNotes), columns: ["WBP", w(.date), w(.writtenBy), w(.note)],
            rows: report.staff.flatMap { entry in entry.notes.map { [entry.alias, "\($0.date) \($0.time)", $0.by, $0.text] } })
        let summary = ReportDocument.Table(
            title: w(.summaryWithPrevious),
            columns: ["WBP", w(.hours), w(.days), w(.orders), w(.items), w(.ordersPerHourShort), w(.modifierShort), w(.premi)],
            rows: report.staff.map { entry in
                [entry.alias + (entry.name.map { " (\($0))" } ?? "") + " \(entry.code)",
                 "\(hours(entry.hours)) (\(hours(entry.previous.hours)))", "\(entry.days)",
                 "\(entry.orders) (\(entry.previous.orders))", "\(entry.items) (\(entry.previous.items))",
                 catalog.decimal(entry.metrics.ordersPerHour), String(format: "%.0f%%", entry.metrics.modifierShare * 100),
                 entry.premi.map { money($0) } ?? "-"]
            }, numeric: [1, 2, 3, 4, 5, 6, 7])
        let stations = ReportDocument.Table(
            title: w(.hoursByStation), columns: ["WBP", "kasir", "bar", "dapur"],
            rows: report.staff.map { entry in [entry.alias] + ["kasir", "bar", "dapur"].map { hours(entry.metrics.hoursByStation[$0] ?? 0) } },
            numeric: [1, 2, 3])
        let bySkill = ReportDocument.Table(
            title: w(.itemsBySkillWithPrevious),
            columns: [w(.skill)] + report.staff.map(\.alias),
            rows: skills.map { skill in
                [self.skill(skill)] + report.staff.map { "\($0.itemsBySkill[skill] ?? 0) (\($0.previous.itemsBySkill[skill] ?? 0))" }
            }, numeric: Set(1...max(report.staff.count, 1)))
        let conduct = ReportDocument.Table(
            title: w(.care),
            columns: ["WBP", w(.linesRemoved), w(.ordersVoided), w(.cashVariance),
                      w(.revenueHandled)],
            rows: report.staff.map { [$0.alias, "\($0.metrics.linesRemoved)", "\($0.metrics.ordersVoided)", money($0.metrics.cashVariance), money($0.metrics.revenue)] },
            numeric: [1, 2, 3, 4])
        let competencies = ReportDocument.Table(
            title: w(.competenciesSoFar),
            columns: ["WBP", w(.unit), w(.hours), w(.lastResult)],
            rows: report.staff.flatMap { entry in
                entry.competencies.map { unit in
                    [entry.alias, unit.code + (unit.verified ? "" : "*"), "\(hours(unit.practiceHours))/\(unit.suggestedHours)",
                     unit.lastResult.map { "\($0) \(unit.lastAssessed ?? "")" } ?? "-"]
                }
            }, numeric: [2])
        let unitTitles = ReportDocument.Table(
            title: w(.competencyUnits), columns: [w(.code), w(.title)],
            rows: units.map { [$0.code + ($0.verified ? "" : "*"), $0.title] })
        // Per WBP, in HTML: six months of hours and of items per skill, and competency progress.
        let panels = report.staff.map { entry in
            ReportDocument.Panel(title: entry.alias + (entry.name.map { " (\($0))" } ?? "") + " · \(entry.code)", charts: [
                .columns(title: w(.lastSixMonthsHours), entry.history.map { ($0.month, $0.hours) }),
            ] + skills.filter { skill in entry.history.contains { ($0.itemsBySkill[skill] ?? 0) > 0 } }.map { skill in
                .line(title: "\(w(.items)) \(self.skill(skill))", entry.history.map { ($0.month, Double($0.itemsBySkill[skill] ?? 0)) })
            } + [
                .progress(title: w(.competencyProgress), entry.competencies.map { ($0.code + ($0.verified ? "" : "*"), $0.practiceHours, Double($0.suggestedHours)) }),
            ])
        }
        var notes = report.warnings.map { w(.openAttendance) + $0 }
        notes.append(w(.summaryLegend))
        notes.append(w(.unverifiedUnit))
        return withDecimals(ReportDocument(
            title: w(.trainingReport) + " \(report.month)", subtitle: cafe,
            csv: ReportDocument.Table(columns: csvColumns, rows: csvRows),
            tables: [summary, stations, bySkill, conduct, hoursBack, itemsBack, competencies, unitTitles] + (notesTable.rows.isEmpty ? [] : [notesTable]),
            chart: (w(.trainingHoursPerWBP), report.staff.map { ($0.alias, $0.hours) }), panels: panels, notes: notes))
    }

    public func document(_ report: PremiReport) -> ReportDocument {
        let named = report.shares.contains { $0.name != nil }
        let split = ReportDocument.Table(
            title: w(.profitSplit), columns: [w(.item), w(.amount)],
            rows: [[w(.revenueNet), money(report.revenue)],
                   // The MDR the acquirer kept is a cost beside the goods (issue 21).
                   [w(.costOfGoods), money(report.cost - report.settlementFees)], [catalog.settlementFeesRow, money(report.settlementFees)]]
                + (report.settlementFeesCarriedIn > 0 ? [[catalog.settlementFeesCarriedInRow, money(report.settlementFeesCarriedIn)]] : [])
                + [
                   [w(.profit), money(report.profit)],
                   [w(.premi), money(report.premiPool)], ["PNBP", money(report.pnbpShare)], [w(.workingCapital), money(report.capitalShare)],
                   [w(.pnbpDepositedThisMonth), money(report.pnbpDeposited)],
                   [w(.pnbpNotDeposited), money(report.pnbpNotDeposited)]],
            numeric: [1])
        let shares = ReportDocument.Table(
            title: w(.premiPerWBP), columns: ["WBP", w(.hours), w(.basis), w(.premi)],
            rows: report.shares.map { [$0.alias + ($0.name.map { " (\($0))" } ?? ""), hours($0.hours), hours($0.basisHours), money($0.premi)] },
            numeric: [1, 2, 3])
        return withDecimals(ReportDocument(
            title: "Premi \(report.month)" + (report.closed ? "" : w(.notClosed)), subtitle: cafe,
            csv: ReportDocument.Table(
                columns: ["month", "code", "alias"] + (named ? ["name"] : []) + ["hours", "basis_hours", "premi"],
                rows: report.shares.map { [report.month, $0.code, $0.alias] + (named ? [$0.name ?? ""] : []) + [plain($0.hours), plain($0.basisHours), "\($0.premi)"] }),
            tables: [split, shares], chart: (w(.premi), report.shares.map { ($0.alias, Double($0.premi)) }),
            notes: (report.unconfirmedQRIS > 0
                ? [catalog.premiWaitsForQRIS(count: report.unconfirmedQRIS, total: Rupiah(report.unconfirmedQRISTotal), month: report.month)] : [])
                + (report.unsettledQRIS > 0
                    ? [catalog.qrisNotYetSettled(count: report.unsettledQRIS, total: Rupiah(report.unsettledQRISTotal), month: report.month)] : [])))
    }

    public func document(_ report: SalesReport) -> ReportDocument {
        withDecimals(ReportDocument(
            title: w(.sales) + " \(report.from) – \(report.to)", subtitle: cafe + " · " + w(.byGrouping) + report.by,
            csv: ReportDocument.Table(columns: ["key", "orders", "quantity", "revenue"],
                                      rows: report.rows.map { [$0.key, "\($0.orders)", "\($0.quantity)", "\($0.revenue)"] }),
            tables: [ReportDocument.Table(
                columns: [report.by, w(.orders), w(.quantity), w(.revenue)],
                rows: report.rows.map { [$0.key, "\($0.orders)", "\($0.quantity)", money($0.revenue)] }
                    + [[w(.total), "\(report.orders)", "", money(report.revenue)]],
                numeric: [1, 2, 3])],
            chart: (w(.revenue), report.rows.map { ($0.key, Double($0.revenue)) })))
    }

    public func document(_ report: ProgrammeReport) -> ReportDocument {
        let rows: [[String]] = [
            [w(.participants), "\(report.participants)"], [w(.trainingHours), hours(report.totalHours)],
            [w(.hoursPerParticipant), hours(report.hoursPerParticipant)],
            [w(.revenue), money(report.revenue)], [w(.pnbpShare), money(report.pnbpShare)],
            [w(.pnbpDeposited), money(report.pnbpDeposited)],
            [w(.pnbpNotDeposited), money(report.pnbpNotDeposited)],
            [w(.premi) + (report.premiClosed ? "" : w(.notClosed)), money(report.premiPool)],
            [w(.competenciesAchieved), "\(report.competenciesAchieved.count)"],
        ]
        return withDecimals(ReportDocument(
            title: w(.programmeReport) + " \(report.month)",
            subtitle: cafe + (report.documentNumber.map { " · \(w(.documentNumber)) \($0)" } ?? ""),
            csv: ReportDocument.Table(columns: ["month", "participants", "total_hours", "hours_per_participant", "revenue", "pnbp_share",
                                                "pnbp_deposited", "pnbp_not_deposited", "premi_pool", "competencies_achieved", "document_number"],
                                      rows: [[report.month, "\(report.participants)", plain(report.totalHours), plain(report.hoursPerParticipant),
                                              "\(report.revenue)", "\(report.pnbpShare)", "\(report.pnbpDeposited)", "\(report.pnbpNotDeposited)",
                                              "\(report.premiPool)", "\(report.competenciesAchieved.count)", report.documentNumber ?? ""]]),
            tables: [ReportDocument.Table(columns: [w(.measure), w(.value)], rows: rows, numeric: [1])]
                + (report.competenciesAchieved.isEmpty ? [] : [ReportDocument.Table(
                    title: w(.competenciesAchieved), columns: ["WBP / unit"], rows: report.competenciesAchieved.map { [$0] })]),
            notes: report.documentNumber.map { [catalog.programmeCheck(number: $0, month: report.month)] } ?? []))
    }
}
