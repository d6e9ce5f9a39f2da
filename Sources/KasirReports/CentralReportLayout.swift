import Foundation
import KasirConfig
import KasirCore
import KasirLedger
import KasirMessages

/// Lays the centre's reports out as ``ReportDocument``s: the cafés with their anchors, and the
/// alarms. Every word comes from the catalogue; times are the cafés' (WITA by default).
public struct CentralReportLayout {
    let catalog: Catalog
    let calendar: CafeCalendar

    public init(language: Language = .id, calendar: CafeCalendar = .wita) {
        catalog = Catalog(language: language, calendar: calendar)
        self.calendar = calendar
    }

    func w(_ word: CentralReportWord) -> String { catalog.word(word) }

    /// `report cafes`: each café the reader sees, the head the centre holds and its last anchor;
    /// then, when an officer accepted a café's new branch after a restore, each such branch
    /// (where it parted, the entries kept as evidence, when, by whom and why). CSV carries how
    /// many branches each café had accepted; JSON carries them whole.
    public func cafes(_ statuses: [CentralCafeStatus], month: String) -> ReportDocument {
        let rows = statuses.map { status -> [String] in
            [status.code, status.name, status.kanwil, "#\(status.headSeq)", status.anchoredAt.map { calendar.dateTime(of: $0) } ?? w(.never),
             "\(status.entriesInMonth)", "\(status.alarmsInMonth)", catalog.yesNo(status.stale)]
        }
        let csvRows = statuses.map { status -> [String] in
            [status.code, status.name, status.upt, status.kanwil, "\(status.headSeq)", status.anchoredAt.map(Timestamp.string) ?? "",
             "\(status.entriesInMonth)", "\(status.alarmsInMonth)", status.stale ? "1" : "0", "\(status.branches?.count ?? 0)"]
        }
        var tables = [ReportDocument.Table(
            columns: [w(.cafe), w(.name), w(.kanwil), w(.headHeld), w(.lastAnchor), w(.entriesInMonth), w(.alarmsInMonth), w(.stale)],
            rows: rows, numeric: [3, 5, 6])]
        var notes = [w(.staleLegend)]
        let branches = statuses.flatMap { $0.branches ?? [] }
        if !branches.isEmpty {
            let branchRows = branches.map { branch -> [String] in
                let kept = branch.forkSeq == branch.oldHeadSeq ? "#\(branch.forkSeq)" : "#\(branch.forkSeq)–#\(branch.oldHeadSeq)"
                return [branch.cafe, "#\(branch.forkSeq)", "\(kept) (\(branch.supersededEntries))", calendar.dateTime(of: branch.acceptedAt),
                        clipped(branch.acceptedBy, to: 20), clipped(branch.reason, to: 60)]
            }
            tables.append(ReportDocument.Table(
                title: w(.branchesAccepted), columns: [w(.cafe), w(.forkAt), w(.keptAsEvidence), w(.acceptedAt), w(.acceptedBy), w(.reason)],
                rows: branchRows))
            notes.append(w(.branchesLegend))
        }
        return ReportDocument(
            title: w(.cafesReport) + " \(month)", subtitle: "\(statuses.count) " + w(.cafe).lowercased(),
            csv: ReportDocument.Table(columns: ["cafe", "name", "upt", "kanwil", "head_seq", "anchored_at", "entries", "alarms", "stale", "branches"],
                                      rows: csvRows),
            tables: tables, notes: notes)
    }

    /// `report alarms`: every alarm of the month, oldest first.
    public func alarms(_ alarms: [CentralAlarm], month: String) -> ReportDocument {
        let rows = alarms.map { alarm in [alarm.cafe ?? w(.unknownCafe), alarm.kind, calendar.dateTime(of: alarm.at), alarm.detail] }
        let csvRows = alarms.map { alarm in [alarm.cafe ?? "", alarm.kind, Timestamp.string(alarm.at), alarm.detail] }
        return ReportDocument(
            title: w(.alarmsReport) + " \(month)", subtitle: "\(alarms.count) alarm",
            csv: ReportDocument.Table(columns: ["cafe", "kind", "at", "detail"], rows: csvRows),
            tables: [ReportDocument.Table(columns: [w(.cafe), w(.kind), w(.at), w(.detail)], rows: rows)],
            notes: alarms.isEmpty ? [w(.noAlarms)] : [])
    }
}
