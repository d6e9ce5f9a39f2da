import Foundation
import Testing
@testable import KasirReports

/// The reports' own JSON writer writes what Foundation's encoder writes with the reports'
/// settings, byte for byte, and leaves to Foundation what only it writes.
@Suite struct ReportJSONTests {
    struct Inner: Encodable {
        var emptyList: [Int] = []
        var emptyMap: [String: Int] = [:]
        var optionalGone: Int? = nil
        var optionalHere: String? = "ada"
        var flag = true
    }

    struct Awkward: Encodable {
        var doubles: [Double] = [40, 0.5, 771.56, 1402.5, 1e-5, 1e16, 123456789.123, -0.0, 0.1 + 0.2, 3e-7, 1e21, 99999999999999.99]
        var dataKeys: [String: Int] = ["practiceHours": 1, "KAFE-ESPRESSO": 2, "kopi_susu": 3, "_private": 4, "a10": 5, "a2": 6, "B": 7, "b": 8, "é": 9]
        var strings: [String] = ["a\"b", "tab\t", "slash/", "é", "\u{1}", "back\\", "nl\n", "\u{7f}", "\u{2028}", "\r\u{8}\u{c}\u{1f}\u{0}"]
        var inner = Inner()
        var innerList = [Inner(), Inner(optionalHere: nil)]
        var nested: [[String: [Double]]] = [["x": [1.5, 2]], [:]]
        var myURLProperty = 1
        var a1B2 = 2
        var ordersVoidedPerHundred = 3.25
        var abcDEF: Int64 = -9_223_372_036_854_775_808
        var unsigned: UInt8 = 255
        var small: Int32 = -7
    }

    @Test func writesWhatFoundationWrites() throws {
        let ours = try ReportJSON.encode(Awkward())
        let theirs = try ReportJSON.foundation.encode(Awkward())
        #expect(String(decoding: ours, as: UTF8.self) == String(decoding: theirs, as: UTF8.self))
        #expect(ours == theirs)
        #expect(String(decoding: ours, as: UTF8.self).contains("\"my_url_property\" : 1"))
    }

    struct Dated: Encodable {
        var at = Date(timeIntervalSince1970: 1_764_000_000)
        var bytes = Data([1, 2, 3])
        var name = "W01"
    }

    @Test func leavesDatesAndDataToFoundation() throws {
        #expect(try ReportJSON.encode(Dated()) == ReportJSON.foundation.encode(Dated()))
        #expect(try ReportJSON.encode([Float(1.5)]) == ReportJSON.foundation.encode([Float(1.5)]))
    }

    struct Month<Element: Encodable>: Encodable {
        var month = "2026-11"
        var cafes: [Element]
    }

    /// Elements written apart, each where the array holds it, make the document the whole writes.
    @Test func fragmentsMakeTheDocumentTheWholeMakes() throws {
        let values = [Awkward(), Awkward(myURLProperty: 7), Awkward(strings: [])]
        let fragments = try values.map { try #require(ReportJSON.fragment($0, depth: 2)) }
        let stitched = try ReportJSON.encode(Month(cafes: fragments))
        #expect(stitched == (try ReportJSON.foundation.encode(Month(cafes: values))))
        #expect(try ReportJSON.encode(Month(cafes: [ReportJSON.Fragment]())) == ReportJSON.foundation.encode(Month(cafes: [Awkward]())))
        // What only Foundation writes is no fragment, and Foundation takes no fragment.
        #expect(ReportJSON.fragment(Dated(), depth: 2) == nil)
        #expect(throws: (any Error).self) { try ReportJSON.foundation.encode(Month(cafes: fragments)) }
    }
}
