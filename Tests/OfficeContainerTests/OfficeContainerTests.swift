import Foundation
import MentorBase
import OfficeContainer
import Testing

/// Collects the text of every element named `want`, and the attribute `attr` of each.
final class TextSink: SAXSink {
    let want: StaticString
    var texts: [String] = []
    var attributes: [String] = []
    private var capturing = false
    private var bytes: [UInt8] = []

    init(_ want: StaticString, location: MentorBase.SourceLocation) {
        self.want = want
        super.init(location: location)
    }

    override func startElement(_ name: UnsafePointer<UInt8>, _ count: Int, _ attrs: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        guard xmlNameIs(name, want) else { return }
        capturing = true
        bytes = []
        if let v = XMLAttributes(count, attrs).string("v") { attributes.append(v) }
    }

    override func endElement(_ name: UnsafePointer<UInt8>) {
        guard capturing, xmlNameIs(name, want) else { return }
        capturing = false
        texts.append(String(decoding: bytes, as: UTF8.self))
    }

    override func characters(_ p: UnsafePointer<UInt8>, _ count: Int) {
        if capturing { bytes += UnsafeBufferPointer(start: p, count: count) }
    }
}

let odsMime = "application/vnd.oasis.opendocument.spreadsheet"

/// A zip written by `ZipWriter`: a stored mimetype, a big streamed part, a small deflated part.
func writeSampleZip(rows: Int) throws -> [UInt8] {
    let sink = MemorySink()
    let zip = ZipWriter(sink: sink, location: MentorBase.SourceLocation(file: "t.zip"))
    try zip.addStored("mimetype", Array(odsMime.utf8))
    let part = try zip.beginEntry("content.xml")
    try part.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><doc>")
    for i in 0..<rows {
        var out: [UInt8] = Array("<c v=\"".utf8)
        XMLText.append("№\(i) \"<&>\"\t'", to: &out)
        out += Array("\">".utf8)
        XMLText.append("Иванова Мария \(i)\nстрока & <тег>\u{1}", to: &out)
        out += Array("</c>".utf8)
        try part.write(out)
    }
    try part.write("</doc>")
    try part.close()
    try zip.addDeflated("META-INF/manifest.xml", Array("<manifest/>".utf8))
    try zip.finish()
    #expect(sink.isClosed)
    return sink.bytes
}

@Suite("OfficeContainer") struct OfficeContainerTests {
    let format = ContainerFormat(name: "ODS")

    @Test func writtenZipReadsBackThroughTheHardenedReader() throws {
        let bytes = try writeSampleZip(rows: 20_000)
        let archive = try ZipArchive(bytes: ZipBytes(bytes: bytes, location: .init(file: "t.zip")),
                                     policy: ContainerSafetyPolicy(), format: format, location: .init(file: "t.zip"))
        #expect(archive.entries.map(\.name) == ["mimetype", "content.xml", "META-INF/manifest.xml"])
        let content = try #require(archive.entry(named: "content.xml"))
        #expect(content.method == 8 && content.compressedSize < content.uncompressedSize)
        let sink = TextSink("c", location: archive.location(ofPart: "content.xml"))
        let feeder = try XMLPartFeeder(archive: archive, entry: content, sink: sink, chunkSize: 1000)
        var chunks = 0
        while try feeder.feedNextChunk() { chunks += 1 }
        #expect(chunks > 10 && feeder.isFinished)
        #expect(sink.texts.count == 20_000)
        #expect(sink.texts[7] == "Иванова Мария 7\nстрока & <тег>")
        #expect(sink.attributes[7] == "№7 \"<&>\"\t'")
    }

    @Test func pythonZipfileAcceptsTheOutput() throws {
        let bytes = try writeSampleZip(rows: 500)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("oc-\(UUID().uuidString).zip").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            assert z.namelist()[0] == 'mimetype' and z.getinfo('mimetype').compress_type == 0
            assert z.read('mimetype') == b'\(odsMime)'
            assert b'<c v="' in z.read('content.xml')
            print(len(z.namelist()))
            """, path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        p.waitUntilExit()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus == 0)
        #expect(text.trimmingCharacters(in: .whitespacesAndNewlines) == "3")
    }

    @Test func headScanFindsTheStoredMimetype() throws {
        let bytes = try writeSampleZip(rows: 10)
        let entries = ZipHead.entries(in: Array(bytes.prefix(4096)))
        #expect(ZipHead.hasSignature(bytes))
        #expect(entries.first?.name == "mimetype")
        #expect(entries.first?.storedData == Array(odsMime.utf8))
        #expect(entries.dropFirst().first?.name == "content.xml")
    }

    @Test func errorsNameTheFormatThePartAndTheRepair() throws {
        var bytes = try writeSampleZip(rows: 50)
        // Not a zip at all.
        do {
            _ = try ZipArchive(bytes: ZipBytes(bytes: Array("hello".utf8), location: .init(file: "x.ods")),
                               policy: ContainerSafetyPolicy(), format: format, location: .init(file: "x.ods"))
            Issue.record("no error for a non-zip")
        } catch let e as MentorBaseError {
            #expect(e.kind == .data && e.message.en.contains("not an ODS file"))
            #expect(e.location.file == "x.ods")
        }
        // A flipped byte inside the deflated part: a located error, never a hang.
        let archive0 = try ZipArchive(bytes: ZipBytes(bytes: bytes, location: .init(file: "x.ods")),
                                      policy: ContainerSafetyPolicy(), format: format, location: .init(file: "x.ods"))
        let entry = try #require(archive0.entry(named: "content.xml"))
        bytes[entry.localHeaderOffset + 30 + "content.xml".utf8.count + 40] ^= 0x5A
        let archive = try ZipArchive(bytes: ZipBytes(bytes: bytes, location: .init(file: "x.ods")),
                                     policy: ContainerSafetyPolicy(), format: format, location: .init(file: "x.ods"))
        do {
            try archive.parse(part: entry, with: TextSink("c", location: archive.location(ofPart: "content.xml")))
            Issue.record("no error for a damaged part")
        } catch let e as MentorBaseError {
            #expect(e.kind == .data)
            #expect(e.location.part == "content.xml" && e.location.file == "x.ods")
            #expect(e.hint?.en.contains("save it again as ODS") == true)
        }
        #expect(archive.missingPart("styles.xml").location.part == "styles.xml")
        #expect(archive.missingPart("content.xml", notThisFormat: true).message.en.contains("not an ODS file"))
    }

    @Test func doctypeIsRefusedWithThePart() throws {
        let sink = MemorySink()
        let zip = ZipWriter(sink: sink, location: .init(file: "e.ods"))
        try zip.addDeflated("content.xml", Array("""
            <?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><c>&b;</c>
            """.utf8))
        try zip.finish()
        let archive = try ZipArchive(bytes: ZipBytes(bytes: sink.bytes, location: .init(file: "e.ods")),
                                     policy: ContainerSafetyPolicy(), format: format, location: .init(file: "e.ods"))
        let entry = try #require(archive.entry(named: "content.xml"))
        let textSink = TextSink("c", location: archive.location(ofPart: "content.xml"))
        #expect(throws: MentorBaseError.self) { try archive.parse(part: entry, with: textSink) }
        #expect(textSink.failure?.message.en.contains("DOCTYPE") == true)
        #expect(textSink.texts.isEmpty)
    }

    @Test func writerMisuseIsAnErrorNotATrap() throws {
        let zip = ZipWriter(sink: MemorySink(), location: .init(file: "m.zip"))
        try zip.addStored("a.xml", [1])
        #expect(throws: MentorBaseError.self) { try zip.addStored("A.xml", [2]) }
        #expect(throws: MentorBaseError.self) { try zip.addStored("../evil", [2]) }
        let open = try zip.beginEntry("b.xml")
        #expect(throws: MentorBaseError.self) { try zip.finish() }
        try open.close()
        try zip.finish()
    }

    @Test func xmlTextEscapesAndDropsForbiddenCharacters() {
        #expect(XMLText.escape("a<b>&\"c'\u{0}\u{1F}\u{FFFE}ё") == "a&lt;b&gt;&amp;&quot;c&apos;ё")
        #expect(XMLText.escape("x\ty\nz\r") == "x&#9;y&#10;z&#13;")
    }
}
