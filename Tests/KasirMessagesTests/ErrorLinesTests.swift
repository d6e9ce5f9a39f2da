import Foundation
import KasirConfig
import KasirCore
import KasirLedger
import KasirMessages
import KasirPrint
import KasirStore
import Testing

/// Issue 19: every case of every Kasir error says whether it is a refusal or a fault, and reads
/// as one line in both languages, wherever it is read.
///
/// Each type has a sample of every case and an index of its cases. The index is a switch
/// without `default`: a new case does not compile until it is named there, and this suite
/// fails until the case has a sample.
@Suite struct ErrorLinesTests {
    static let day = BusinessDay(year: 2026, month: 11, day: 29)
    static let instant = Date(timeIntervalSince1970: 1_795_900_000)
    static let size = ModifierGroup(code: "size", name: "Ukuran", options: [ModifierOption(code: "L", name: "Besar")])

    /// Whether `samples` hold every one of `cases` cases, and each reads as one line, not the
    /// same in Indonesian and English, at the counter and on the command line.
    func check<E: MessageDescribable>(_ samples: [E], cases: Int, index: (E) -> Int) {
        #expect(Set(samples.map(index)) == Set(0..<cases), "every case of \(E.self) has a sample")
        for sample in samples {
            // Its nature reaches whoever holds it as `any Error`, as the counter does.
            #expect(ErrorNature(of: sample as any Error) == sample.nature)
            for surface in [Catalog.Surface.counter, .commandLine] {
                let id = Catalog(language: .id, surface: surface).describe(sample)
                let en = Catalog(language: .en, surface: surface).describe(sample)
                for line in [id, en] {
                    #expect(!line.trimmingCharacters(in: .whitespaces).isEmpty, "\(sample)")
                    #expect(!line.contains("\n"), "\(sample): \(line)")
                    #expect(!line.contains("tak terduga") && !line.contains("Unexpected"), "\(sample): \(line)")
                }
                #expect(id != en, "\(sample) reads alike in both languages: \(id)")
                #expect(sample.line(in: Catalog(language: .id, surface: surface)) == id)
            }
        }
    }

    @Test func inputErrors() {
        check([
            InputError.malformedAmount("x"), .amountTooLarge("9999999999999"), .malformedQuantity("x"), .quantityOutOfRange("100"),
            .malformedItem("x"), .malformedModifier("x"), .malformedPayment("x"), .malformedStaffCode("x"), .malformedDate("x"),
            .malformedText(field: "name"), .textTooLong(field: "reason", limit: 80), .malformedCount("x"), .unknownDenomination("3000"),
            .malformedPIN, .weakPIN(.sequence), .malformedDocumentNumber("x"), .malformedJournalHead("x"),
            .notOneOf(field: "station", allowed: ["kasir", "bar"]), .reasonRequired, .unknownCompetencyUnit("X"), .floatRequired,
            .orderOrReferenceRequired, .endsBeforeStart(from: Self.day, until: BusinessDay(year: 2026, month: 1, day: 1)),
        ], cases: 23) { error in
            switch error {
            case .malformedAmount: 0
            case .amountTooLarge: 1
            case .malformedQuantity: 2
            case .quantityOutOfRange: 3
            case .malformedItem: 4
            case .malformedModifier: 5
            case .malformedPayment: 6
            case .malformedStaffCode: 7
            case .malformedDate: 8
            case .malformedText: 9
            case .textTooLong: 10
            case .malformedCount: 11
            case .unknownDenomination: 12
            case .malformedPIN: 13
            case .weakPIN: 14
            case .malformedDocumentNumber: 15
            case .malformedJournalHead: 16
            case .notOneOf: 17
            case .reasonRequired: 18
            case .unknownCompetencyUnit: 19
            case .endsBeforeStart: 22
            case .floatRequired: 20
            case .orderOrReferenceRequired: 21
            }
        }
    }

    @Test func orderErrors() {
        check([
            OrderError.unknownItem("X"), .itemUnavailable("KSGA"), .unknownModifierGroup(item: "KSGA", group: "x", valid: [Self.size]),
            .unknownModifierOption(group: Self.size, option: "XL"), .tooManyChoices(group: Self.size),
            .missingRequiredModifier(item: "KSGA", group: "size"), .emptyOrder, .tooManyLines(limit: 50), .lineQuantityTooLarge(limit: 99),
            .nothingDueInCash, .noSuchLine(3), .noPayment, .cashShort(due: 40_000, tendered: 20_000), .nonCashExceedsDue(due: 10_000, paid: 20_000),
            .paymentsDoNotCoverTotal(total: 30_000, paid: 20_000), .duplicateReference("R1"), .referenceAlreadyUsed("R1"),
            .referenceIsBillNumber("20261129-T1-103512"),
        ], cases: 18) { error in
            switch error {
            case .unknownItem: 0
            case .itemUnavailable: 1
            case .unknownModifierGroup: 2
            case .unknownModifierOption: 3
            case .tooManyChoices: 4
            case .missingRequiredModifier: 5
            case .emptyOrder: 6
            case .tooManyLines: 7
            case .lineQuantityTooLarge: 8
            case .nothingDueInCash: 9
            case .noSuchLine: 10
            case .noPayment: 11
            case .cashShort: 12
            case .nonCashExceedsDue: 13
            case .paymentsDoNotCoverTotal: 14
            case .duplicateReference: 15
            case .referenceAlreadyUsed: 16
            case .referenceIsBillNumber: 17
            }
        }
    }

    @Test func staffErrors() {
        check([
            StaffError.unknownStaff("W09"), .unknownBarista("W09"), .notABarista("S1"), .notActive(code: "W01", status: .released),
            .duplicateCode("W01"), .duplicateRegistration("B.1/2024"), .duplicateAlias("Bima"), .noDecree("W01"),
            .decreeNotYetValid(code: "W01", from: Self.day), .decreeExpired(code: "W01", until: Self.day), .decreeRevoked("W01"),
            .notClockedIn("W01"), .alreadyClockedIn("W01"), .notOnBreak("W01"), .alreadyOnBreak("W01"), .onBreak("W01"),
        ], cases: 16) { error in
            switch error {
            case .unknownStaff: 0
            case .unknownBarista: 1
            case .notABarista: 2
            case .notActive: 3
            case .duplicateCode: 4
            case .duplicateRegistration: 5
            case .duplicateAlias: 6
            case .noDecree: 7
            case .decreeNotYetValid: 8
            case .decreeExpired: 9
            case .decreeRevoked: 10
            case .notClockedIn: 11
            case .alreadyClockedIn: 12
            case .notOnBreak: 13
            case .alreadyOnBreak: 14
            case .onBreak: 15
            }
        }
    }

    @Test func tillErrors() {
        check([
            TillError.noOpenTill, .tillAlreadyOpen, .noSupervisorOnDuty, .orderInClosedTill(3), .alreadyVoided(3), .voidAfterRefund(3),
            .nothingToRefund, .backupOverOpenTill, .noClosedTill, .floatDisagreesWithCount(float: 100_000, counted: 90_000), .countNotConfirmed,
        ], cases: 11) { error in
            switch error {
            case .noOpenTill: 0
            case .tillAlreadyOpen: 1
            case .noSupervisorOnDuty: 2
            case .orderInClosedTill: 3
            case .alreadyVoided: 4
            case .voidAfterRefund: 5
            case .nothingToRefund: 6
            case .backupOverOpenTill: 7
            case .noClosedTill: 8
            case .floatDisagreesWithCount: 9
            case .countNotConfirmed: 10
            }
        }
    }

    @Test func attendanceAndRefundErrors() {
        check([
            AttendanceError.inTheFuture(Self.instant), .beyondBackdateLimit(days: 7), .reasonRequired,
            .overlapsShift(code: "W01", start: Self.instant, end: nil), .endsBeforeStart(Self.instant),
            .longShiftNeedsReason(code: "W01", hours: 12), .premiClosed(month: "2026-10"),
        ], cases: 7) { error in
            switch error {
            case .inTheFuture: 0
            case .beyondBackdateLimit: 1
            case .reasonRequired: 2
            case .overlapsShift: 3
            case .endsBeforeStart: 4
            case .longShiftNeedsReason: 5
            case .premiClosed: 6
            }
        }
        check([
            RefundError.noSuchLine(4), .lineQuantityExceeded(line: 1, left: 1), .malformedQuantity(line: 1), .nothingToRefund,
            .secondSupervisorRequired(.closedTill), .secondSupervisorRequired(.qrisInCash), .sameSupervisorTwice("S1"),
            .writtenOffQRIS(reference: "R1"), .writtenOffQRIS(reference: nil),
        ], cases: 7) { error in
            switch error {
            case .noSuchLine: 0
            case .lineQuantityExceeded: 1
            case .malformedQuantity: 2
            case .nothingToRefund: 3
            case .secondSupervisorRequired: 4
            case .sameSupervisorTwice: 5
            case .writtenOffQRIS: 6
            }
        }
        check([UnknownKind(kind: "Station", value: "kitchen")], cases: 1) { _ in 0 }
    }

    @Test func usageErrors() {
        check([UsageError.decreeNeedsAllThree, .baristaPINByOrChange, .firstSupervisorExists, .fileExists(path: "/tmp/demo.sqlite")], cases: 4) { error in
            switch error {
            case .decreeNeedsAllThree: 0
            case .baristaPINByOrChange: 1
            case .firstSupervisorExists: 2
            case .fileExists: 3
            }
        }
    }

    /// Every error type in Sources is a KasirError and reads through the catalogue: a type
    /// declared without either would be said as a bare system fault.
    @Test func everyErrorTypeInSourcesIsSaidByTheCatalogue() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        let text = try files.map { try String(contentsOf: $0, encoding: .utf8) }.joined(separator: "\n")
        let lines = try String(contentsOf: sources.appendingPathComponent("KasirMessages/ErrorLines.swift"), encoding: .utf8)
        let declared = try Regex(#"(?m)^(?:public )?(?:enum|struct|final class|class) (\w+): [^{\n]*\b(?:Error|KasirError)\b"#)
        let types = text.matches(of: declared).map { String($0.output[1].substring!) }
        #expect(types.count >= 18, "found \(types)")
        for type in types {
            #expect(lines.contains("extension \(type): MessageDescribable"), "\(type) has no line in the catalogue")
            let conforms = text.contains("\(type): KasirError") || text.contains("extension \(type): KasirError")
            #expect(conforms, "\(type) does not say whether it is a refusal or a fault")
        }
    }

    @Test func storeErrors() {
        check([
            StoreError.locked, .corrupt(path: "/x"), .readOnly(path: "/x"), .diskFull, .cannotOpen(path: "/x"), .symbolicLink(path: "/x"),
            .failed("SQLite error 1"), .orderNotFound(day: "2026-11-29", number: 3), .noMenu,
            .unreadableValue(table: "orders", column: "type", value: "x"), .refusedBySchema("CHECK constraint failed"),
            .writtenRowsDiffer(table: "orders", key: "7"),
        ], cases: 12) { error in
            switch error {
            case .locked: 0
            case .corrupt: 1
            case .readOnly: 2
            case .diskFull: 3
            case .cannotOpen: 4
            case .symbolicLink: 5
            case .failed: 6
            case .orderNotFound: 7
            case .noMenu: 8
            case .unreadableValue: 9
            case .refusedBySchema: 10
            case .writtenRowsDiffer: 11
            }
        }
        check([
            AccessError.unknownSupervisor("S9"), .notASupervisor("W01"), .notAnAdmin("S2"), .wrongPIN(code: "S1", attemptsLeft: 2),
            .locked(code: "S1", until: Self.instant), .lockedUntilUnlocked("S1"), .pinNotSet("S1"), .supervisorRequired, .pinsDiffer,
        ], cases: 9) { error in
            switch error {
            case .unknownSupervisor: 0
            case .notASupervisor: 1
            case .notAnAdmin: 2
            case .wrongPIN: 3
            case .locked: 4
            case .lockedUntilUnlocked: 5
            case .pinNotSet: 6
            case .supervisorRequired: 7
            case .pinsDiffer: 8
            }
        }
        check([
            BackupError.cannotWrite("/b"), .cannotRead("/b"), .notFound("/b"), .damaged(path: "/b", problem: "x"), .noBackups("/b"),
            .symbolicLink("/b"), .folderIsSymbolicLink("/b"),
        ], cases: 7) { error in
            switch error {
            case .cannotWrite: 0
            case .cannotRead: 1
            case .notFound: 2
            case .damaged: 3
            case .noBackups: 4
            case .symbolicLink: 5
            case .folderIsSymbolicLink: 6
            }
        }
    }

    @Test func premiAndDocumentErrors() {
        check([
            PremiError.alreadyClosed("2026-10"), .notClosableYet(month: "2026-11", from: Self.instant, backdateDays: 0),
            .notClosableYet(month: "2026-11", from: Self.instant, backdateDays: 7), .shiftStillOpen(code: "W01", since: Self.instant),
            .malformedBillingCode("1"), .malformedNTPN("x"), .duplicateNTPN("N1"), .nothingToDeposit,
            .depositMismatch(amount: 10_000, expected: 12_000, tills: [1, 2]), .tillNotClosed(3), .tillAlreadyDeposited(3),
        ], cases: 10) { error in
            switch error {
            case .alreadyClosed: 0
            case .notClosableYet: 1
            case .shiftStillOpen: 2
            case .malformedBillingCode: 3
            case .malformedNTPN: 4
            case .duplicateNTPN: 5
            case .nothingToDeposit: 6
            case .depositMismatch: 7
            case .tillNotClosed: 8
            case .tillAlreadyDeposited: 9
            }
        }
        check([DocumentError.noSuchJournalRow(9), .subjectRequired(kind: "TR"), .subjectRequired(kind: "PR"), .namesNeedSupervisor],
              cases: 3) { error in
            switch error {
            case .noSuchJournalRow: 0
            case .subjectRequired: 1
            case .namesNeedSupervisor: 2
            }
        }
        check([RulesError.moneyRulesUnconfirmed, .rulesMissing(table: "money_rules")], cases: 2) { error in
            switch error {
            case .moneyRulesUnconfirmed: 0
            case .rulesMissing: 1
            }
        }
    }

    @Test func identityAndQRISErrors() {
        check([BaristaPINError.pinNotSet("W01"), .wrongPIN(code: "W01", attemptsLeft: 2), .locked("W01")], cases: 3) { error in
            switch error {
            case .pinNotSet: 0
            case .wrongPIN: 1
            case .locked: 2
            }
        }
        check([
            QRISError.malformedOrder("x"), .noQRISPayment(day: "2026-11-29", number: 3), .unknownReference("R1"), .alreadyConfirmed("R1"),
            .unconfirmed(month: "2026-11", count: 2, total: 50_000), .nothingToWriteOff("2026-11"), .monthNotOver("2026-11"),
            .noStaticPayload,
        ], cases: 8) { error in
            switch error {
            case .malformedOrder: 0
            case .noQRISPayment: 1
            case .unknownReference: 2
            case .alreadyConfirmed: 3
            case .unconfirmed: 4
            case .nothingToWriteOff: 5
            case .monthNotOver: 6
            case .noStaticPayload: 7
            }
        }
    }

    @Test func qrisPayloadErrors() {
        check([
            QRISPayloadError.malformedObject(template: nil, offset: 12), .malformedObject(template: "62", offset: 169), .duplicateTag("59"),
            .missingTag("52"), .missingTag("51.02"), .missingTag("63"), .misplacedTag("00"), .misplacedTag("63"),
            .badCRC(expected: "18D5", found: "0000"), .invalidValue(tag: "01", value: "13"), .invalidValue(tag: "51.02", value: "ID12345"),
            .invalidValue(tag: "62.07", value: "Kasir é"), .currencyNotRupiah("840"), .countryNotIndonesia("SG"), .noNationalMerchantAccount,
            .amountOutOfRange(0), .valueTooLong(tag: "62.01", limit: 25),
        ], cases: 11) { error in
            switch error {
            case .malformedObject: 0
            case .duplicateTag: 1
            case .missingTag: 2
            case .misplacedTag: 3
            case .badCRC: 4
            case .invalidValue: 5
            case .currencyNotRupiah: 6
            case .countryNotIndonesia: 7
            case .noNationalMerchantAccount: 8
            case .amountOutOfRange: 9
            case .valueTooLong: 10
            }
        }
        // The line names the tag at fault.
        let catalog = Catalog(language: .en)
        #expect(catalog.describe(QRISPayloadError.missingTag("52")) == "The QRIS payload has no tag 52 (merchant category code).")
        #expect(Catalog(language: .id).describe(QRISPayloadError.badCRC(expected: "18D5", found: "0000"))
            == "CRC payload QRIS (tag 63) salah: tertulis 0000, seharusnya 18D5. Payload tersalin tidak utuh atau diubah?")
        #expect(catalog.describe(QRISPayloadError.invalidValue(tag: "51.02", value: "ID12345")).hasPrefix("Tag 51.02 "))
        #expect(QRISPayloadError.noNationalMerchantAccount.nature == .refusal)
    }

    @Test func configAndPrintErrors() {
        let problems: [ConfigProblem] = [.missing, .wrongType(expected: "string"), .outOfRange("0–100"), .notOneOf(["id", "en"]),
                                         .duplicate("KSGA"), .unknownReference("espresso")]
        check([ConfigError.unreadable(file: "kasir.toml"), .syntax(file: "kasir.toml", line: 3, column: 7, message: "expected value")]
              + problems.map { ConfigError.invalid(file: "menu.toml", key: "items[0].price", problem: $0) }, cases: 3) { error in
            switch error {
            case .unreadable: 0
            case .syntax: 1
            case .invalid: 2
            }
        }
        check([
            PrintError.template(file: "receipt.mustache", problem: "unclosed section"), .noPrinterConfigured, .serverUnreachable("x"),
            .serverStopped("x"), .refused("x"), .aborted("job aborted"), .deadlinePassed(state: "job pending"), .interrupted,
            .qrEncoding(bytes: 3000),
        ], cases: 9) { error in
            switch error {
            case .template: 0
            case .noPrinterConfigured: 1
            case .serverUnreachable: 2
            case .serverStopped: 3
            case .refused: 4
            case .aborted: 5
            case .deadlinePassed: 6
            case .interrupted: 7
            case .qrEncoding: 8
            }
        }
    }

    /// The counter ends an order on a fault and goes on after a refusal: as it did by its own
    /// list of types before each error said which it is.
    @Test func naturesAreThoseTheCounterActsOn() {
        let refusals: [any KasirError] = [
            InputError.malformedPIN, OrderError.emptyOrder, StaffError.onBreak("W01"), TillError.noOpenTill, AccessError.supervisorRequired,
            RefundError.nothingToRefund, AttendanceError.reasonRequired, BaristaPINError.locked("W01"), RulesError.moneyRulesUnconfirmed,
            StoreError.orderNotFound(day: "2026-11-29", number: 1), StoreError.noMenu, StoreError.locked,
        ]
        for refusal in refusals {
            #expect(refusal.nature == .refusal, "\(refusal)")
            #expect(!refusal.isFault)
        }
        let faults: [any KasirError] = [
            StoreError.diskFull, StoreError.corrupt(path: "/x"), StoreError.refusedBySchema("x"),
            StoreError.unreadableValue(table: "t", column: "c", value: "v"), ConfigError.unreadable(file: "x"), PrintError.refused("x"),
            BackupError.damaged(path: "/b", problem: "x"), UnknownKind(kind: "Station", value: "x"),
        ]
        for fault in faults {
            #expect(fault.nature == .fault, "\(fault)")
            #expect(fault.isFault)
            #expect(ErrorNature(of: fault) == .fault)
        }
        #expect(ErrorNature(of: TillError.noOpenTill) == .refusal)
        // An error from below Kasir that nothing mapped is a fault.
        #expect(ErrorNature(of: CocoaError(.fileReadNoPermission)) == .fault)
    }

    /// An error from outside Kasir is said as a fault of the system, in its own words: never
    /// as an "unexpected error".
    @Test func aForeignErrorIsASystemFault() {
        struct Broken: Error, CustomStringConvertible {
            var description: String { "disk I/O\nfailed" }
        }
        #expect(Catalog(language: .id).describe(Broken()) == "Gangguan sistem: disk I/O failed")
        #expect(Catalog(language: .en).describe(Broken()) == "System fault: disk I/O failed")
        // A Kasir error reads as its own line through the same entry.
        #expect(Catalog(language: .en).describe(TillError.countNotConfirmed as any Error) == "The count was not recorded; the till stays open.")
    }

    @Test func typedValuesOutsideTheirSetAreRefusedWithTheSet() throws {
        #expect(throws: InputError.notOneOf(field: "station", allowed: ["kasir", "bar", "dapur"])) { try Station.typed("kitchen", field: "station") }
        #expect(try Station.typed("bar", field: "station") == .bar)
        #expect(Catalog(language: .id).describe(InputError.notOneOf(field: "direction", allowed: ["in", "out"]))
            == "arah kas harus salah satu dari: in, out.")
    }

    @Test func usageErrorsReadInTheInterfaceLanguage() {
        #expect(Catalog(language: .id).commandNotUnderstood("Unknown option '--bogus'", help: "kasir order list --help")
            == "Perintah tidak dikenali: Unknown option '--bogus'. Lihat kasir order list --help.")
        #expect(Catalog(language: .en).commandNotUnderstood("Unknown option '--bogus'", help: "kasir order list --help")
            == "Command not understood: Unknown option '--bogus'. See kasir order list --help.")
        // A question from the parser keeps its own mark, with no full stop after it.
        #expect(Catalog(language: .id).commandNotUnderstood("Unknown option '--dv'. Did you mean '--db'?", help: "kasir order list --help")
            == "Perintah tidak dikenali: Unknown option '--dv'. Did you mean '--db'? Lihat kasir order list --help.")
    }

    @Test func settlementErrors() {
        check([
            SettlementError.unreadable("november.csv"), .empty("november.csv"), .missingColumn("reference"), .malformedCSV(line: 4),
            .fieldCount(line: 3, found: 4, expected: 5), .malformedField(line: 3, column: "amount", value: "10.5"), .feeMismatch(line: 3),
            .duplicateLine(line: 5, first: 2), .unknownLayout(name: "bca", known: ["kasir", "xendit-billing"]),
            .dateAfterImport(line: 3, day: BusinessDay(year: 2026, month: 12, day: 3)),
            .feeAboveCeiling(line: 3, fee: 10_000, amount: 10_000, ceiling: Percentage(basisPoints: 80)),
            .tooLarge(name: "disk.img", limit: 16 << 20), .duplicateColumn("fee"),
        ], cases: 13) { error in
            switch error {
            case .unreadable: 0
            case .empty: 1
            case .missingColumn: 2
            case .malformedCSV: 3
            case .fieldCount: 4
            case .malformedField: 5
            case .feeMismatch: 6
            case .duplicateLine: 7
            case .unknownLayout: 8
            case .dateAfterImport: 9
            case .feeAboveCeiling: 10
            case .tooLarge: 11
            case .duplicateColumn: 12
            }
        }
        check([
            LedgerBatchError.empty, .badSignature(cafe: "BPN01"), .notInSequence(seq: 5, expected: 4), .brokenLink(seq: 5),
            .hashMismatch(seq: 5), .unknownEncoding(seq: 5, encoding: 9), .checkpointMismatch(cafe: "BPN01"), .seqOutOfRange(seq: 0),
            .olderEncodingAfterNewer(seq: 5), .ambiguousEntry(seq: 5),
        ], cases: 10) { error in
            switch error {
            case .empty: 0
            case .badSignature: 1
            case .notInSequence: 2
            case .brokenLink: 3
            case .hashMismatch: 4
            case .unknownEncoding: 5
            case .checkpointMismatch: 6
            case .seqOutOfRange: 7
            case .olderEncodingAfterNewer: 8
            case .ambiguousEntry: 9
            }
        }
        check([
            SyncError.alreadyJoined(cafe: "BPN01"), .notJoined, .keyUnreadable(path: "/var/lib/kasir/central.key"),
            .keyMismatch(path: "/var/lib/kasir/central.key"), .badURL("ftp://x"), .badCafeCode("bpn"), .badCentreKey,
            .cannotWrite(path: "/media/stick/batch.json"), .keyExposed(path: "/var/lib/kasir/central.key"),
            .unreachable("https://pusat.example/"), .refused(status: 409, reason: "entry 12 differs from the one held"),
            .refused(status: 503, reason: "unavailable"), .badReceipt, .centreDisagrees(seq: 8812), .unknownAtCentre("BPN01"),
            .centreKeyDiffers(typed: "3f2a 91c0", fetched: "77aa 0b1c"), .unsendable(seq: 44), .journalNotIntact(findings: 2),
        ], cases: 17) { error in
            switch error {
            case .alreadyJoined: 0
            case .notJoined: 1
            case .keyUnreadable: 2
            case .keyMismatch: 3
            case .badURL: 4
            case .badCafeCode: 5
            case .badCentreKey: 6
            case .cannotWrite: 7
            case .keyExposed: 8
            case .unreachable: 9
            case .refused: 10
            case .badReceipt: 11
            case .centreDisagrees: 12
            case .unknownAtCentre: 13
            case .centreKeyDiffers: 14
            case .unsendable: 15
            case .journalNotIntact: 16
            }
        }
        check([
            KeyFileError.unreadable(path: "/var/lib/kasir-central/centre.key"), .exposed(path: "/var/lib/kasir-central/centre.key"),
            .cannotWrite(path: "/var/lib/kasir-central/centre.key"),
        ], cases: 3) { error in
            switch error {
            case .unreadable: 0
            case .exposed: 1
            case .cannotWrite: 2
            }
        }
        check([LedgerReceiptError.badSignature(cafe: "BPN01")], cases: 1) { error in
            switch error {
            case .badSignature: 0
            }
        }
        check([
            CentralServeError.badListen("localhost"), .tlsHalfGiven, .unreadableCertificate(path: "/etc/kasir/centre.pem"),
            .unreadableTLSKey(path: "/etc/kasir/centre-key.pem"),
        ], cases: 4) { error in
            switch error {
            case .badListen: 0
            case .tlsHalfGiven: 1
            case .unreadableCertificate: 2
            case .unreadableTLSKey: 3
            }
        }
        check([
            CentralError.badDatabaseURL("x"), .unreachable("refused"), .badCafeCode("bpn"), .badPublicKey, .cafeExists("BPN01"), .noDatabase,
            .unreadableBatch("b.json"), .database("relation \"cafes\" does not exist"), .badUserName("Budi"), .userExists("kaltim"),
            .passwordsDiffer, .weakPassword, .badScope(role: "kanwil"), .unknownCafe("MKS01"), .nothingToAccept("BPN01"),
            .evidenceDoesNotConnect("BPN01"), .badReason, .forkBeforeHistory(cafe: "BPN01", base: 41),
            .unreadableFact(cafe: "BPN01", table: "orders", value: "lunas"), .restoreNotRecorded("BPN01"), .badNote, .alreadyAcknowledged(7),
        ], cases: 22) { error in
            switch error {
            case .badDatabaseURL: 0
            case .unreachable: 1
            case .badCafeCode: 2
            case .badPublicKey: 3
            case .cafeExists: 4
            case .noDatabase: 5
            case .unreadableBatch: 6
            case .database: 7
            case .badUserName: 8
            case .userExists: 9
            case .passwordsDiffer: 10
            case .weakPassword: 11
            case .badScope: 12
            case .unknownCafe: 13
            case .nothingToAccept: 14
            case .evidenceDoesNotConnect: 15
            case .badReason: 16
            case .forkBeforeHistory: 17
            case .unreadableFact: 18
            case .restoreNotRecorded: 19
            case .badNote: 20
            case .alreadyAcknowledged: 21
            }
        }
        // The line a malformed file is refused at is named, in both languages.
        #expect(Catalog(language: .id).describe(SettlementError.malformedField(line: 3, column: "amount", value: "10.5"))
            == "Baris 3 laporan settlement: amount \"10.5\" tidak bisa dibaca; tidak ada yang dicatat.")
        #expect(Catalog(language: .en).describe(SettlementError.fieldCount(line: 3, found: 4, expected: 5))
            == "Line 3 of the settlement report has 4 fields where the header has 5: nothing was recorded.")
        #expect(Catalog(language: .id).describe(SettlementError.feeAboveCeiling(line: 3, fee: 10_000, amount: 10_000, ceiling: Percentage(basisPoints: 80)))
            == "Baris 3 laporan settlement: biaya Rp10.000 dari Rp10.000 (100%) di atas batas MDR 0,8%; "
                + "tidak ada yang dicatat (batasnya diubah admin: kasir policy set --qris-mdr-ceiling).")
    }
}
