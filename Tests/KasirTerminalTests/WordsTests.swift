import Foundation
import KasirMessages
import KasirConfig
import KasirCore
import KasirStore
import KasirTestSupport
import Testing
@testable import KasirTerminal

/// Issue 24's words: Indonesian screens say Indonesian words; stored codes stay as they are.
@Suite struct WordsTests {
    let id = Catalog(language: .id)
    let en = Catalog(language: .en)

    @Test func storedCodesAreShownByName() {
        #expect(id.skillName("manual-brew") == "Seduh manual")
        #expect(id.skillName("tea-and-chocolate") == "Teh & cokelat")
        #expect(en.skillName("manual-brew") == "Manual brew")
        // A café's own skill, unknown to the catalogue, shows its code.
        #expect(id.skillName("cold-brew") == "cold-brew")
        #expect(id.roleName(.supervisor) == "petugas")
        #expect(en.roleName(.supervisor) == "supervisor")
        #expect(id.printStatusName(.pending) == "menunggu")
        #expect(id.printStatusName(.failed) == "gagal")
        #expect(id.printStatusName(.held) == "ditahan")
        #expect(id.printStatusName(.printed) == "tercetak")
        #expect(id.queuedSlipName(.receiptCopy) == "Struk (salinan)")
        #expect(id.journalKindName("till_close") == "kas ditutup")
        #expect(en.journalKindName("till_close") == "till closed")
        #expect(id.journalKindName("approval_price_override") == "persetujuan ubah harga")
        #expect(id.journalKindName("a_kind_of_a_newer_version") == "a_kind_of_a_newer_version")
    }

    @Test func figuresForPeopleTakeTheIndonesianDecimalComma() {
        #expect(id.decimal(0.14) == "0,14")
        #expect(id.decimal(31.5) == "31,50")
        #expect(en.decimal(0.14) == "0.14")
    }

    @Test func aVarianceIsSaidInWordsNotBySign() {
        #expect(id.variance(-104) == "selisih kurang Rp104")
        #expect(id.variance(2_000) == "selisih lebih Rp2.000")
        #expect(id.variance(.zero) == "selisih Rp0")
        #expect(en.variance(-104) == "short Rp104")
    }

    @Test func fieldsAreNamedAsPeopleKnowThem() {
        #expect(id.describe(InputError.malformedText(field: "nip")) == "Isian NIP kosong atau berisi karakter kendali.")
        #expect(id.describe(InputError.malformedText(field: "reason")) == "Isian alasan kosong atau berisi karakter kendali.")
        #expect(id.describe(InputError.notOneOf(field: "station", allowed: ["kasir", "bar", "dapur"])) == "stasiun harus salah satu dari: kasir, bar, dapur.")
    }

    @Test func theLockoutSaysWhenItEndsAndWhatToDo() throws {
        let until = try #require(Timestamp.date("2026-11-29T02:15:00.000Z"))
        #expect(id.describe(AccessError.locked(code: "S1", until: until))
            == "S1 terkunci karena PIN salah berulang, sampai pukul 10:15 WITA (2026-11-29). "
                + "Coba lagi sesudahnya, atau admin membuka kuncinya: kasir staff unlock S1 --by ADMIN")
        #expect(en.describe(AccessError.locked(code: "S1", until: until)).hasSuffix("an admin unlocks it: kasir staff unlock S1 --by ADMIN"))
        #expect(id.supervisorUnlocked("S2", by: "S1") == "Kunci S2 dibuka oleh S1.")
        #expect(id.oldPINPrompt("S2") == "PIN lama S2: ")
    }

    @Test func aWrongModifierNamesTheValidOnes() throws {
        let menu = try KasirConfiguration.load(from: fixtureConfig).menu
        let size = try #require(menu.group("size"))
        let extra = try #require(menu.group("extra"))
        #expect(id.describe(OrderError.unknownModifierOption(group: size, option: "XL")) == "\"XL\" bukan pilihan ukuran. Pilihan ukuran: R, L.")
        #expect(en.describe(OrderError.unknownModifierOption(group: size, option: "XL")) == "\"XL\" is not a size option. Options for size: R, L.")
        #expect(id.describe(OrderError.unknownModifierOption(group: extra, option: "karamel"))
            == "\"karamel\" bukan pilihan tambahan. Pilihan tambahan: shot, vanila. Boleh lebih dari satu: tambahan=shot,vanila.")
        #expect(id.describe(OrderError.tooManyChoices(group: size)) == "Pilihan ukuran hanya boleh satu (R, L).")
        let ksga = try #require(menu.item(code: "KSGA"))
        let groups = ksga.modifierGroups.compactMap { menu.group($0) }
        #expect(id.describe(OrderError.unknownModifierGroup(item: "KSGA", group: "suhu", valid: groups))
            == "KSGA tidak punya pilihan \"suhu\". Pilihan KSGA: ukuran, gula, es, susu, tambahan.")
        #expect(id.describe(InputError.malformedModifier("ukuran=")).contains("tambahan=shot,vanila"))
    }

    /// `ukuran=L gula=sedikit tambahan=shot,vanila` at the counter is stored as `size=L` …;
    /// the menu lists the Indonesian words.
    @Test func theCounterTakesIndonesianModifierWords() throws {
        let fixture = try CounterFixture()
        let (status, screen) = fixture.run(["W01", CounterFixture.w01PIN, "KSGA 2 ukuran=L gula=sedikit tambahan=shot,vanila", "menu", "bayar", "pas", "y", "keluar"])
        #expect(status == 0)
        let order = try #require(try fixture.database.orders(day: fixture.today).first)
        #expect(order.lines[0].modifiers.map { "\($0.groupCode)=\($0.optionCode)" } == ["size=L", "sugar=less", "extra=shot", "extra=vanilla"])
        #expect(order.totals.total == 64_000)
        #expect(screen.contains("Besar, Sedikit gula, Ekstra shot, Sirup vanila"))
        #expect(screen.contains("\n  ukuran: R L +Rp5.000\n"), "\(screen)")
        #expect(screen.contains("\n  gula: normal sedikit tanpa\n"))
        #expect(screen.contains("\n  tambahan (boleh lebih dari satu): shot +Rp5.000 vanila +Rp4.000\n"))
        // The English words are still understood, and a wrong option is answered with the right ones.
        let (_, again) = fixture.run(["W01", CounterFixture.w01PIN, "AMR temp=iced size=XL", "AMR temp=iced size=L", "batal", "keluar"])
        #expect(again.contains("\n\"XL\" bukan pilihan ukuran. Pilihan ukuran: R, L.\n"))
        #expect(again.contains("Dingin, Besar"))
    }
}
