import Foundation
import MentorBase
import Testing
@testable import XLSXFormat

/// Files built to hurt a reader: each must end in a clear data error, quickly, in bounded memory.
@Suite("XLSX hostile inputs")
struct HostileInputTests {
    private func workbook(sheet: String) -> TestZip {
        var wb = TestWorkbook()
        wb.sheets = [("S", "<sheetData/>", nil)]
        var z = wb.zip
        z.items.removeAll { $0.name == "xl/worksheets/sheet1.xml" }
        z.add("xl/worksheets/sheet1.xml", sheet)
        return z
    }

    @Test func zipBombWithHonestHeaderIsRefusedBeforeInflating() throws {
        // 64 MiB of zeros compress to ~64 KiB: a ratio of about 1000.
        var z = workbook(sheet: "<worksheet/>")
        z.items.removeAll { $0.name == "xl/worksheets/sheet1.xml" }
        z.add("xl/worksheets/sheet1.xml", bytes: [UInt8](repeating: 0x20, count: 64 << 20))
        let bytes = z.bytes
        #expect(bytes.count < 1 << 20)
        let clock = ContinuousClock()
        let start = clock.now
        let e = expectDataError { _ = try readAll(bytes: bytes) }
        #expect(e?.code == "limit-exceeded")
        #expect(e?.location.part == "xl/worksheets/sheet1.xml")
        #expect(clock.now - start < .seconds(1))
    }

    @Test func zipBombThatLiesAboutItsSizeIsStoppedWhileStreaming() throws {
        var z = workbook(sheet: "<worksheet/>")
        z.items.removeAll { $0.name == "xl/worksheets/sheet1.xml" }
        // Declares 1,000 bytes, inflates to 64 MiB.
        z.add("xl/worksheets/sheet1.xml", bytes: [UInt8](repeating: 0x20, count: 64 << 20), declaredSize: 1000)
        let e = expectDataError { _ = try readAll(bytes: z.bytes) }
        #expect(e?.location.part == "xl/worksheets/sheet1.xml")
        #expect(e?.message.en.contains("larger than declared") == true)
    }

    @Test func totalUncompressedCapCountsEveryPart() throws {
        var limits = InputLimits()
        limits.maxTotalUncompressedBytes = 2_000
        var wb = TestWorkbook()
        wb.sheets = [("S", "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>\(String(repeating: "x", count: 3000))</t></is></c></row></sheetData>", nil)]
        let e = expectDataError { _ = try readAll(bytes: wb.bytes, options: ReadOptions(limits: limits)) }
        #expect(e?.code == "limit-exceeded")
    }

    @Test func partCapAppliesToPartsHeldInMemoryNotToStreamedSheets() throws {
        var limits = InputLimits()
        limits.maxPartBytes = 4_000
        var wb = TestWorkbook()
        let rows = (1...200).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><v>\($0)</v></c></row>" }.joined()
        wb.sheets = [("S", "<sheetData>\(rows)</sheetData>", nil)]
        let sheets = try readAll(bytes: wb.bytes, options: ReadOptions(limits: limits))
        #expect(sheets[0].rows.count == 200)
        wb.sharedStrings = (1...200).map { "<si><t>строка \($0)</t></si>" }
        let e = expectDataError { _ = try readAll(bytes: wb.bytes, options: ReadOptions(limits: limits)) }
        #expect(e?.code == "limit-exceeded" && e?.location.part == "xl/sharedStrings.xml")
    }

    @Test func billionLaughsIsRefused() throws {
        let laughs = """
            <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\
            <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\
            <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">\
            <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">\
            <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>\
            <worksheet xmlns="\(TestWorkbook.mainNS)"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>
            """
        let clock = ContinuousClock()
        let start = clock.now
        let e = expectDataError { _ = try readAll(bytes: workbook(sheet: laughs).bytes) }
        #expect(e?.message.en.contains("DOCTYPE") == true)
        #expect(e?.location.part == "xl/worksheets/sheet1.xml")
        #expect(clock.now - start < .seconds(1))
    }

    @Test func externalEntityIsNeverLoaded() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("xxe-secret-\(UUID().uuidString).txt")
        try "ТАЙНА".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        let xxe = """
            <?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file://\(secret.path)">]>\
            <worksheet xmlns="\(TestWorkbook.mainNS)"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>
            """
        let e = expectDataError { _ = try readAll(bytes: workbook(sheet: xxe).bytes) }
        #expect(e?.render(.en).contains("ТАЙНА") == false)
        // The same attack in the shared strings and in workbook.xml.
        var wb = TestWorkbook()
        wb.sheets = [("S", "<sheetData/>", nil)]
        var z = wb.zip
        z.items.removeAll { $0.name == "xl/workbook.xml" }
        z.add("xl/workbook.xml", "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><workbook xmlns=\"\(TestWorkbook.mainNS)\"><sheets><sheet name=\"&x;\" sheetId=\"1\"/></sheets></workbook>")
        #expect(expectDataError { _ = try readAll(bytes: z.bytes) }?.location.part == "xl/workbook.xml")
    }

    @Test func truncatedZipAtEveryFewBytes() throws {
        var wb = TestWorkbook()
        wb.sheets = [("S", "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData>", nil)]
        let full = wb.bytes
        for cut in stride(from: 0, to: full.count, by: max(1, full.count / 40)) {
            expectDataError { _ = try readAll(bytes: Array(full[0..<cut])) }
        }
    }

    @Test func damagedDeflateStreamNeverSpins() throws {
        // A stored deflate block whose length runs past the entry's bytes: some inflaters
        // keep asking for input forever here.
        var wb = TestWorkbook()
        wb.sheets = [("S", "<sheetData/>", nil)]
        var z = wb.zip
        z.items.removeAll { $0.name == "xl/worksheets/sheet1.xml" }
        z.add("xl/worksheets/sheet1.xml", bytes: [0x00, 0xFF, 0xFF, 0x00, 0x00] + Array("<worksheet>".utf8), deflate: false, declaredSize: nil)
        // Mark it deflated by hand: patch the method fields of the stored entry.
        var bytes = z.bytes
        let name = Array("xl/worksheets/sheet1.xml".utf8)
        var i = 0
        while i + 4 < bytes.count {
            if bytes[i] == 0x50 && bytes[i + 1] == 0x4B && (bytes[i + 2] == 0x03 || bytes[i + 2] == 0x01) {
                let local = bytes[i + 2] == 0x03
                let nameAt = i + (local ? 30 : 46)
                if nameAt + name.count <= bytes.count && Array(bytes[nameAt..<(nameAt + name.count)]) == name {
                    bytes[i + (local ? 8 : 10)] = 8
                    // Declare a larger uncompressed size so the sizes do not give it away.
                    bytes[i + (local ? 22 : 24) + 1] = 0x10
                }
            }
            i += 1
        }
        let e = expectDataError { _ = try readAll(bytes: bytes) }
        #expect(e?.location.part == "xl/worksheets/sheet1.xml")
    }

    @Test func dotDotEntryNamesAreRefused() throws {
        var wb = TestWorkbook()
        wb.sheets = [("S", "<sheetData/>", nil)]
        var z = wb.zip
        z.add("../../etc/evil.sh", "echo pwned")
        let e = expectDataError { _ = try readAll(bytes: z.bytes) }
        #expect(e?.location.part == "../../etc/evil.sh")
        var abs = wb.zip
        abs.add("/etc/passwd", "root")
        expectDataError { _ = try readAll(bytes: abs.bytes) }
        var dup = wb.zip
        dup.add("xl/workbook.xml", "<workbook/>")
        expectDataError { _ = try readAll(bytes: dup.bytes) }
    }

    @Test func randomBytesNamedXLSX() throws {
        var rng = SystemRandomNumberGenerator()
        for size in [0, 3, 4, 100, 70_000] {
            var junk = (0..<size).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if size >= 4 { junk[0] = 0x50; junk[1] = 0x4B; junk[2] = 0x03; junk[3] = 0x04 }   // even with the signature
            let e = expectDataError { _ = try readAll(bytes: junk, name: "анкета.xlsx") }
            #expect(e?.location.file == "анкета.xlsx")
        }
        // Through a file on disk as well (the pread path).
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("junk.xlsx")
        try Data((0..<5000).map { _ in UInt8.random(in: 0...255) }).write(to: url)
        expectDataError { _ = try readAll(InputSource(path: url.path)) }
    }

    @Test func tooManyEntries() throws {
        var limits = InputLimits()
        limits.maxEntries = 20
        var wb = TestWorkbook()
        wb.sheets = [("S", "<sheetData/>", nil)]
        var z = wb.zip
        for i in 0..<30 { z.add("xl/media/image\(i).png", "x") }
        #expect(expectDataError { _ = try readAll(bytes: z.bytes, options: ReadOptions(limits: limits)) }?.code == "limit-exceeded")
    }

    @Test func notAWorkbookButAnotherOfficeZip() throws {
        var z = TestZip()
        z.add("mimetype", "application/vnd.oasis.opendocument.spreadsheet", deflate: false)
        z.add("content.xml", "<office:document-content/>")
        let e = expectDataError { _ = try readAll(bytes: z.bytes, name: "table.ods") }
        #expect(e?.location.part == "xl/workbook.xml")
        // Sniffing leaves an OpenDocument zip alone and claims only workbook zips as content.
        let plugin = XLSXPlugin()
        #expect(plugin.sniff(SniffProbe(head: z.bytes, fileExtension: "ods")) == nil)
        var wb = TestWorkbook()
        wb.sheets = [("S", "<sheetData/>", nil)]
        #expect(plugin.sniff(SniffProbe(head: wb.bytes, fileExtension: nil))?.confidence == .content)
        var other = TestZip()
        other.add("readme.txt", "hello")
        #expect(plugin.sniff(SniffProbe(head: other.bytes, fileExtension: nil))?.confidence == .plausibleContent)
        #expect(plugin.sniff(SniffProbe(head: Array("a;b\n".utf8), fileExtension: "xlsx"))?.confidence == .fileExtension)
        #expect(plugin.sniff(SniffProbe(head: Array("a;b\n".utf8), fileExtension: "csv")) == nil)
    }
}
