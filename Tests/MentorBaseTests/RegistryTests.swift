import MentorBase
import Testing

/// Minimal plugins for ranking tests: one with a signature, one that sniffs text content.
private struct ZipLike: FormatPlugin {
    var descriptor: FormatDescriptor {
        FormatDescriptor(id: "ziplike", name: "Zip-like", extensions: ["zl"], capabilities: [.read],
                         magic: [MagicSignature(bytes: [0x50, 0x4B, 0x03, 0x04])])
    }
}

private struct TextLike: FormatPlugin {
    var descriptor: FormatDescriptor {
        FormatDescriptor(id: "textlike", name: "Text-like", extensions: ["tl"], capabilities: [.read, .write])
    }
    func sniff(_ probe: SniffProbe) -> SniffMatch? {
        if probe.head.allSatisfy({ $0 >= 0x20 || $0 == 0x0A }) && !probe.head.isEmpty {
            return SniffMatch(.plausibleContent, reason: "text")
        }
        return probe.fileExtension == "tl" ? SniffMatch(.fileExtension, reason: "ext") : nil
    }
}

@Suite struct RegistryTests {
    let registry = FormatRegistry([TextLike(), ZipLike()])

    @Test func contentBeatsExtension() throws {
        // Text named .zl: the text sniffer's content wins over the zip plugin's extension.
        let src = InputSource(bytes: Array("a;b\n".utf8), name: "x.zl")
        #expect(try registry.detect(src).plugin.descriptor.id == "textlike")
        // Zip bytes named .tl: the signature wins.
        let zip = InputSource(bytes: [0x50, 0x4B, 0x03, 0x04, 0, 0], name: "x.tl")
        #expect(try registry.detect(zip).plugin.descriptor.id == "ziplike")
    }

    @Test func forcedFormatBeatsContent() throws {
        let zip = InputSource(bytes: [0x50, 0x4B, 0x03, 0x04], name: "x.zl")
        #expect(try registry.detect(zip, forced: "textlike").plugin.descriptor.id == "textlike")
    }

    @Test func unknownFormatIsAUsageError() {
        let src = InputSource(bytes: [0, 1, 2], name: "x.bin")
        #expect(throws: MentorBaseError.self) { try registry.detect(src, forced: "nope") }
        do {
            _ = try registry.detect(src)
            Issue.record("binary junk with no extension must not be detected")
        } catch let e as MentorBaseError {
            #expect(e.code == "format-unknown")
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func writerFormatByExtension() throws {
        #expect(try registry.writerFormat(for: OutputTarget(path: "/tmp/a.tl")).descriptor.id == "textlike")
        #expect(throws: MentorBaseError.self) { try registry.writerFormat(for: OutputTarget(path: "/tmp/a.zl")) }
    }

    @Test func duplicateIDsKeepTheFirst() {
        let r = FormatRegistry([TextLike(), TextLike()])
        #expect(r.plugins.count == 1)
        #expect(r.shadowed.count == 1)
    }

    @Test func stdinPeekIsReplayed() throws {
        let src = InputSource(stream: MemoryStream(Array("hello world".utf8), chunkSize: 3), name: "stdin")
        #expect(try src.peek(5) == Array("hello".utf8))
        let all = try src.openStream().readToEnd(limit: 100, location: src.location)
        #expect(all == Array("hello world".utf8))
    }
}
