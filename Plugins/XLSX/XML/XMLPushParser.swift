import CLibXML2
import MentorBase

/// Once per process: libxml2's set-up and the entity loader that refuses every external load.
private let libxmlProcessSetUp: Void = mb_xml_process_init()

/// Receives one part's SAX2 events. Subclasses override what they need; names and values
/// arrive as raw UTF-8 bytes so that hot paths compare and convert them without `String`s.
class SAXSink {
    /// The first stopping problem a callback found; the parser stops right after it.
    var failure: MentorBaseError? { didSet { stopped = failure != nil } }
    /// `failure != nil`, as a plain flag the per-event callbacks can test without copying the error.
    final var stopped = false
    /// The first error libxml2 reported (message, line, column).
    var xmlError: (message: String, line: Int, column: Int)?
    /// Set while the parser runs, so a callback can stop it.
    var context: xmlParserCtxtPtr?
    /// The part being parsed, for messages.
    var location: SourceLocation

    init(location: SourceLocation) {
        self.location = location
    }

    /// An element starts: `attributes` holds `count` quintuples (local name, prefix, URI, value start, value end).
    func startElement(_ name: UnsafePointer<UInt8>, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {}
    func endElement(_ name: UnsafePointer<UInt8>) {}
    func characters(_ bytes: UnsafePointer<UInt8>, _ count: Int) {}

    /// Records `error` (the first one wins) and stops the parser.
    final func stop(_ error: MentorBaseError) {
        if failure == nil { failure = error }
        if let context { xmlStopParser(context) }
    }

    /// Refuses any DTD: SpreadsheetML never has one, and entities are the door to
    /// billion-laughs expansion and to external files.
    final func refuseDTD() {
        stop(MentorBaseError.source(location, ru: "XML-часть содержит DOCTYPE или объявление сущностей — такие файлы не читаются из соображений безопасности",
                                    en: "an XML part holds a DOCTYPE or entity declaration, which is refused for safety",
                                    hintRu: "Excel и LibreOffice таких частей не пишут; файл, вероятно, подделан",
                                    hintEn: "Excel and LibreOffice never write them; the file was probably tampered with"))
    }
}

/// True when the NUL-terminated `p` spells exactly `s`.
@inline(__always)
func xmlNameIs(_ p: UnsafePointer<UInt8>, _ s: StaticString) -> Bool {
    let n = s.utf8CodeUnitCount
    let q = s.utf8Start
    var i = 0
    while i < n {
        if p[i] != q[i] { return false }
        i += 1
    }
    return p[n] == 0
}

/// The attributes of one start tag, looked up by local name (namespaces ignored).
struct XMLAttributes {
    let count: Int
    let base: UnsafeMutablePointer<UnsafePointer<UInt8>?>?

    init(_ count: Int, _ base: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        self.count = count
        self.base = base
    }

    /// The raw value bytes of the attribute whose local name is `name`.
    @inline(__always)
    func raw(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let base else { return nil }
        var i = 0
        while i < count {
            let a = base + i * 5
            if let local = a[0], xmlNameIs(local, name), let start = a[3], let end = a[4] {
                return UnsafeBufferPointer(start: start, count: end - start)
            }
            i += 1
        }
        return nil
    }

    /// The value as a `String` (attributes of small parts: names, targets).
    func string(_ name: StaticString) -> String? {
        raw(name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The value of a namespaced attribute (`r:id`) whose local name is `name` and whose
    /// namespace URI ends with `uriSuffix`.
    func string(_ name: StaticString, uriSuffix: String) -> String? {
        guard let base else { return nil }
        for i in 0..<count {
            let a = base + i * 5
            guard let local = a[0], xmlNameIs(local, name), let uri = a[2],
                  String(cString: uri).hasSuffix(uriSuffix), let start = a[3], let end = a[4] else { continue }
            return String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
        }
        return nil
    }

    /// A non-negative decimal integer value, or nil.
    @inline(__always)
    func int(_ name: StaticString) -> Int? {
        guard let v = raw(name) else { return nil }
        return parseDecimal(v)
    }
}

/// Parses ASCII digits (no sign); nil when empty, not digits, or absurdly long.
@inline(__always)
func parseDecimal(_ v: UnsafeBufferPointer<UInt8>) -> Int? {
    guard !v.isEmpty, v.count <= 18 else { return nil }
    var n = 0
    for b in v {
        guard b >= 0x30 && b <= 0x39 else { return nil }
        n = n * 10 + Int(b - 0x30)
    }
    return n
}

/// A libxml2 SAX2 push parser for one part, fed chunk by chunk.
///
/// One parser belongs to one task: libxml2 contexts are not thread-safe, and errors
/// go to this parser's own structured handler (never to stderr).
final class XMLPushParser {
    private let context: xmlParserCtxtPtr
    let sink: SAXSink
    private var finished = false

    init(sink: SAXSink) throws {
        _ = libxmlProcessSetUp
        mb_xml_silence_thread()
        self.sink = sink
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { ctx, localname, _, _, _, _, count, _, attributes in
            guard let ctx, let localname else { return }
            // The parser holds the sink for its whole life: no retain per event.
            Unmanaged<SAXSink>.fromOpaque(ctx)._withUnsafeGuaranteedRef { sink in
                if !sink.stopped { sink.startElement(localname, Int(count), attributes) }
            }
        }
        handler.endElementNs = { ctx, localname, _, _ in
            guard let ctx, let localname else { return }
            Unmanaged<SAXSink>.fromOpaque(ctx)._withUnsafeGuaranteedRef { sink in
                if !sink.stopped { sink.endElement(localname) }
            }
        }
        handler.characters = { ctx, bytes, count in
            guard let ctx, let bytes, count > 0 else { return }
            Unmanaged<SAXSink>.fromOpaque(ctx)._withUnsafeGuaranteedRef { sink in
                if !sink.stopped { sink.characters(bytes, Int(count)) }
            }
        }
        handler.cdataBlock = handler.characters
        handler.internalSubset = { ctx, _, _, _ in
            guard let ctx else { return }
            Unmanaged<SAXSink>.fromOpaque(ctx).takeUnretainedValue().refuseDTD()
        }
        handler.externalSubset = handler.internalSubset
        handler.entityDecl = { ctx, _, _, _, _, _ in
            guard let ctx else { return }
            Unmanaged<SAXSink>.fromOpaque(ctx).takeUnretainedValue().refuseDTD()
        }
        handler.getEntity = { _, _ in nil }
        handler.getParameterEntity = { _, _ in nil }
        handler.resolveEntity = { _, _, _ in nil }
        handler.serror = { ctx, error in
            guard let ctx, let error else { return }
            let sink = Unmanaged<SAXSink>.fromOpaque(ctx).takeUnretainedValue()
            guard sink.xmlError == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            var message = error.pointee.message.map { String(cString: $0) } ?? "XML error \(error.pointee.code)"
            while message.last?.isWhitespace == true { message.removeLast() }
            sink.xmlError = (message, Int(error.pointee.line), Int(error.pointee.int2))
        }
        let user = Unmanaged.passUnretained(sink).toOpaque()
        guard let ctx = xmlCreatePushParserCtxt(&handler, user, nil, 0, nil) else {
            throw MentorBaseError.io(sink.location, ru: "libxml2 не запустился", en: "libxml2 failed to start")
        }
        // No NOENT (entity substitution), no DTDLOAD, no HUGE; never the network.
        let options = Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_NOCDATA.rawValue)
        _ = xmlCtxtUseOptions(ctx, options)
        self.context = ctx
        sink.context = ctx
    }

    deinit {
        sink.context = nil
        xmlFreeParserCtxt(context)
    }

    /// Parses the next piece of the part.
    func feed(_ bytes: UnsafeRawBufferPointer) throws {
        guard !finished, let base = bytes.baseAddress, bytes.count > 0 else { return }
        var offset = 0
        while offset < bytes.count {
            let n = min(bytes.count - offset, Int(Int32.max))
            let r = xmlParseChunk(context, (base + offset).assumingMemoryBound(to: CChar.self), Int32(n), 0)
            try check(r)
            offset += n
        }
    }

    /// Ends the part: missing end tags and other truncation show up here.
    func finish() throws {
        guard !finished else { return }
        let r = xmlParseChunk(context, nil, 0, 1)
        finished = true
        try check(r)
    }

    private func check(_ code: Int32) throws {
        if let failure = sink.failure { finished = true; throw failure }
        if code != 0 || sink.xmlError != nil {
            finished = true
            let e = sink.xmlError
            let detail = e.map { "\($0.message) (line \($0.line), column \($0.column))" } ?? "libxml2 error \(code)"
            let detailRu = e.map { "\($0.message) (строка \($0.line), позиция \($0.column))" } ?? "ошибка libxml2 \(code)"
            throw MentorBaseError.source(sink.location, ru: "испорченный XML: \(detailRu)", en: "broken XML: \(detail)",
                                         hintRu: "откройте файл в Excel или LibreOffice и сохраните заново как XLSX",
                                         hintEn: "open the file in Excel or LibreOffice and save it again as XLSX")
        }
    }
}

extension ZipArchive {
    /// Streams a whole part through `sink` (for parts read in one go: rels, workbook, styles, shared strings).
    func parse(part entry: ZipEntry, with sink: SAXSink, streamed: Bool = false) throws {
        let stream = try ZipEntryStream(archive: self, entry: entry, streamed: streamed)
        let parser = try XMLPushParser(sink: sink)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = try stream.read(into: buffer)
            if n == 0 { break }
            try parser.feed(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        try parser.finish()
    }
}
