import Foundation
import KasirConfig
import KasirCore
import KasirStore
import KasirTestSupport
import Testing
@testable import KasirPrint

@Suite struct SlipLayoutTests {
    @Test func leftRightWrapsTheLeftAndKeepsTheRightOnTheFirstRow() {
        let slip = SlipDocument.layout("[lr]2x Es Kopi Susu Gula Aren||Rp46.000", columns: 32)
        #expect(slip.text == "2x Es Kopi Susu Gula    Rp46.000\n   Aren\n")
    }

    @Test func centredDoubleAndRuleLines() {
        let slip = SlipDocument.layout("[c][2x]No. 12\n[rule]\n[c]Terima kasih", columns: 32)
        #expect(slip.elements == [
            .text("     No. 12", bold: false, size: .double),
            .text(String(repeating: "-", count: 32), bold: false, size: .normal),
            .text("          Terima kasih", bold: false, size: .normal),
        ])
        // On a plain-text printer double width does not exist: centred on the full width.
        #expect(SlipDocument.layout("[c][2x]No. 12", columns: 32, doubleWidthHalvesColumns: false).text == "             No. 12\n")
    }

    @Test func longWordsAreCutAndIndentsHang() {
        let slip = SlipDocument.layout("[i]Dingin, Regular, Susu oat, Ekstra shot, Sirup vanila\n" + String(repeating: "x", count: 40), columns: 32)
        #expect(slip.text == """
               Dingin, Regular, Susu oat,
               Ekstra shot, Sirup vanila
            xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
            xxxxxxxx

            """)
    }

    @Test func everyRowFitsThePaper() {
        let long = "[lr]" + String(repeating: "Kopi ", count: 30) + "||Rp1.000.000\n[c]" + String(repeating: "Alamat ", count: 20)
        for columns in [32, 48] {
            for element in SlipDocument.layout(long, columns: columns).elements {
                if case .text(let text, _, _) = element { #expect(text.count <= columns, "\(text)") }
            }
        }
    }
}

@Suite struct EscPosTests {
    @Test func stylesCutAndDrawerBecomeTheirCommands() {
        let slip = SlipDocument.layout("[drawer]\n[b]Kafe\n[2x]No. 1\nx\n[cut]", columns: 32)
        let bytes = EscPosEncoder.encode(slip, mode: .escpos)
        #expect(bytes == [
            0x1B, 0x40, 0x1B, 0x74, 0x00,                 // initialise, code page PC437
            0x1B, 0x70, 0x00, 0x19, 0xFA,                 // open the drawer
            0x1B, 0x45, 0x01] + Array("Kafe\n".utf8) + [  // bold on
            0x1B, 0x45, 0x00, 0x1D, 0x21, 0x11] + Array("No. 1\n".utf8) + [  // bold off, double size
            0x1D, 0x21, 0x00] + Array("x\n".utf8) + [    // normal size
            0x1B, 0x64, 0x04, 0x1D, 0x56, 0x42, 0x00,     // feed, partial cut
        ])
    }

    @Test func textModeSendsPlainLines() {
        let slip = SlipDocument.layout("[drawer]\n[b]Kafe\n[cut]", columns: 32)
        #expect(EscPosEncoder.encode(slip, mode: .text) == Array("Kafe\n\n\n\u{0C}".utf8))
    }

    @Test func whatThePrinterCannotPrintIsTransliterated() {
        #expect(EscPosEncoder.transliterate("2× Café — “ok” ½ 咖啡") == Array("2x Cafe - \"ok\" ? ??".utf8))
    }
}

@Suite struct SlipRendererTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func settings(width: Int = 58, language: Language = .id) throws -> CafeSettings {
        var settings = try KasirConfiguration.load(from: fixtureConfig).cafe
        settings.receiptWidth = width
        settings.language = language
        return settings
    }

    func renderer(width: Int = 58, language: Language = .id, overrides: URL? = nil) throws -> SlipRenderer {
        SlipRenderer(settings: try settings(width: width, language: language), templates: TemplateSet(language: language, overrides: overrides))
    }

    var order: RecordedOrder {
        RecordedOrder(
            id: 1, day: BusinessDay(year: 2026, month: 11, day: 29), number: 7,
            createdAt: ISO8601DateFormatter().date(from: "2026-11-29T02:05:00Z")!, type: .takeaway, note: "tanpa sedotan",
            server: StaffMember(code: "W01", role: .barista, name: "Budi Santoso", alias: "Bima", registration: "B.12/2024"),
            lines: [
                OrderLine(itemCode: "KSGA", itemName: "Es Kopi Susu Gula Aren", skill: "espresso", basePrice: 18_000,
                          modifiers: [ChosenModifier(groupCode: "size", groupName: "Ukuran", optionCode: "L", optionName: "Large", priceDelta: 5_000)],
                          quantity: 2, makerCode: "W02"),
                OrderLine(itemCode: "PGR", itemName: "Pisang Goreng", skill: "food", basePrice: 10_000, quantity: 1, makerCode: "W01"),
            ],
            totals: Totals(subtotal: 56_000, serviceCharge: 0, tax: 5_091, taxIncluded: true, rounding: 0, total: 56_000),
            payments: [Payment(method: .qris, amount: 6_000, tendered: 6_000, reference: "QR-1"),
                       Payment(method: .cash, amount: 50_000, tendered: 50_000)],
            status: .paid)
    }

    @Test func theReceiptAt58mm() throws {
        #expect(try renderer().render(order, kind: .receipt, mode: .text).text == """
            Kafe Asimilasi Rutan Balikpapan
             Jl. Jenderal Sudirman No. 533,
                   Balikpapan Selatan
            --------------------------------
            29-11-2026            10:05 WITA
                         No. 7
                      Bawa pulang
            Barista: Bima
            Catatan: tanpa sedotan
            --------------------------------
            2x Es Kopi Susu Gula    Rp46.000
               Aren
               Large
            1x Pisang Goreng        Rp10.000
            --------------------------------
            Subtotal                Rp56.000
            PB1 10% (termasuk)       Rp5.091
            TOTAL                   Rp56.000
            QRIS QR-1                Rp6.000
            Tunai                   Rp50.000
            Kembalian                    Rp0
            --------------------------------
                      Terima kasih

            """)
    }

    @Test func theBarTicketAt80mmInEnglish() throws {
        #expect(try renderer(width: 80, language: .en).render(order, kind: .barTicket, mode: .text).text == """
                                 No. 7
                         10:05 WITA - TAKEAWAY
                             Barista: Bima
            ------------------------------------------------
            2x Es Kopi Susu Gula Aren
               Large
               made by: W02
            1x Pisang Goreng
            ------------------------------------------------
            Note: tanpa sedotan

            """)
    }

    @Test func aCopyIsMarkedWithTheReprintTime() throws {
        let text = try renderer().render(order, kind: .receiptCopy, reprintedAt: ISO8601DateFormatter().date(from: "2026-11-29T16:30:00Z")!, mode: .text).text
        #expect(text.hasPrefix("        *** SALINAN ***\n         Dicetak ulang\n     30-11-2026 00:30 WITA\nKafe Asimilasi"))
    }

    @Test func noNameOrRegistrationEverReachesASlip() throws {
        for kind in PrintJobKind.allCases where kind.isRenderedFromOrder {
            let text = try renderer().render(order, kind: kind, reprintedAt: Date(), mode: .text).text
            #expect(!text.contains("Budi"))
            #expect(!text.contains("B.12/2024"))
        }
    }

    @Test func onlyTheOriginalCashReceiptOpensTheDrawer() throws {
        var cash = order
        cash.payments = [Payment(method: .cash, amount: 56_000, tendered: 60_000, change: 4_000)]
        #expect(try renderer().render(cash, kind: .receipt).elements.first == .openDrawer)
        var qris = order
        qris.payments = [Payment(method: .qris, amount: 56_000, tendered: 56_000, reference: "QR-9")]
        #expect(try !renderer().render(qris, kind: .receipt).elements.contains(.openDrawer))
        // A copy never kicks the drawer, even from a café's own template that asks for it.
        let folder = TemporaryFolder("kasir-templates")
        try "{{% CONTENT_TYPE: TEXT}}\n[drawer]\nSALINAN {{number}}\n{{> receipt}}".write(
            to: folder.appendingPathComponent("receipt_copy.mustache"), atomically: true, encoding: .utf8)
        let copy = try renderer(overrides: folder.url).render(cash, kind: .receiptCopy, reprintedAt: Date())
        #expect(!copy.elements.contains(.openDrawer))
        #expect(EscPosEncoder.encode(copy, mode: .escpos).firstRange(of: [0x1B, 0x70]) == nil)
        #expect(copy.text.hasPrefix("SALINAN 7\n"))
        // Nor does a bar ticket or a QRIS receipt, whatever the template says.
        try "{{% CONTENT_TYPE: TEXT}}\n[drawer]\nMEJA {{number}}\n".write(
            to: folder.appendingPathComponent("bar_ticket.mustache"), atomically: true, encoding: .utf8)
        try "{{% CONTENT_TYPE: TEXT}}\n[drawer]\nTERIMA KASIH {{number}}\n".write(
            to: folder.appendingPathComponent("receipt.mustache"), atomically: true, encoding: .utf8)
        #expect(try !renderer(overrides: folder.url).render(cash, kind: .barTicket).elements.contains(.openDrawer))
        #expect(try !renderer(overrides: folder.url).render(qris, kind: .receipt).elements.contains(.openDrawer))
        #expect(try renderer(overrides: folder.url).render(cash, kind: .receipt).elements.contains(.openDrawer))
    }

    @Test func aCafesOwnTemplateOverridesOneFileAndABrokenOneIsNamed() throws {
        let folder = TemporaryFolder("kasir-templates")
        try "{{% CONTENT_TYPE: TEXT}}\nMEJA {{number}}\n".write(to: folder.appendingPathComponent("bar_ticket.mustache"), atomically: true, encoding: .utf8)
        try "{{#lines}}unclosed".write(to: folder.appendingPathComponent("receipt.mustache"), atomically: true, encoding: .utf8)
        let renderer = try renderer(overrides: folder.url)
        #expect(try renderer.render(order, kind: .barTicket, mode: .text).text == "MEJA 7\n")
        #expect(renderer.templates.sources["till_report"] == "built-in")
        for kind in [PrintJobKind.receipt, .receiptCopy] {
            #expect {
                try renderer.render(order, kind: kind)
            } throws: { error in
                guard case .template(let file, _) = error as? PrintError else { return false }
                return file == folder.appendingPathComponent("receipt.mustache").path
            }
        }
        #expect(renderer.templates.problems.count == 1)
        // A folder that is not there is a problem to report, and the built-in templates print.
        let missing = try self.renderer(overrides: folder.appendingPathComponent("nowhere"))
        #expect(missing.templates.problems == [.template(file: folder.appendingPathComponent("nowhere").path, problem: "folder not found")])
        #expect(try missing.render(order, kind: .receipt, mode: .text).text.contains("Terima kasih"))
    }

    @Test func theZoneOnASlipIsTheConfiguredOne() throws {
        var settings = try settings()
        settings.calendar = CafeCalendar(timeZone: TimeZone(identifier: "Asia/Jakarta")!)
        let text = try SlipRenderer(settings: settings, templates: TemplateSet(language: .id, overrides: nil)).render(order, kind: .receipt, mode: .text).text
        #expect(text.contains("09:05 WIB"))
        #expect(!text.contains("WITA"))
    }
}

@Suite struct DoubleSizeTotalTests {
    @Test func aTotalTooWideForDoubleSizeTakesTwoRows() {
        let small = SlipDocument.layout("[b][2x][lr]TOTAL||Rp91.000", columns: 32)
        #expect(small.elements == [.text("TOTAL   Rp91.000", bold: true, size: .double)])
        let large = SlipDocument.layout("[b][2x][lr]TOTAL||Rp1.250.000", columns: 32)
        #expect(large.elements == [.text("TOTAL", bold: true, size: .double), .text("     Rp1.250.000", bold: true, size: .double)])
    }
}
