import Foundation
import KasirConfig
import KasirCore
import KasirMessages
import KasirStore
import KasirTestSupport
import Testing

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
}
