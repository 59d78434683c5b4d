import CLibXML2
import MentorBase

/// Once per process: libxml2's set-up and the entity loader that refuses every external load.
private let libxmlProcessSetUp: Void = mb_xml_process_init()

/// A libxml2 SAX2 push parser for one part, fed chunk by chunk.
///
/// One parser belongs to one task: libxml2 contexts are not thread-safe, and errors
/// go to this parser's own structured handler (never to stderr). Broken XML becomes a
/// `source-error` naming the part, libxml2's message, line and column, and the format's
/// repair hint. Most readers do not drive it by hand: ``ZipArchive/parse(part:with:streamed:)``
/// parses a small part whole and ``XMLPartFeeder`` pulls a big one chunk by chunk.
public final class XMLPushParser {
    private let context: xmlParserCtxtPtr
    /// The sink receiving the events.
    public let sink: SAXSink
    private let format: ContainerFormat
    private var finished = false

    /// A parser delivering events to `sink`; `format` names the format in error hints.
    public init(sink: SAXSink, format: ContainerFormat) throws {
        self.format = format
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

    /// Parses the next piece of the part (any split, even inside a name or a UTF-8 sequence).
    public func feed(_ bytes: UnsafeRawBufferPointer) throws {
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
    public func finish() throws {
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
            throw MentorBaseError(code: "source-error", kind: .data, location: sink.location,
                                  message: Localized(ru: "испорченный XML: \(detailRu)", en: "broken XML: \(detail)"),
                                  hint: format.repairHint)
        }
    }
}

extension ZipArchive {
    /// Streams a whole part through `sink` (small parts read in one go: manifests, styles,
    /// relationships). With `streamed`, the part is bounded by the container's total cap
    /// rather than `maxPartBytes` (for a pre-scan of a sheet that is never held in memory).
    public func parse(part entry: ZipEntry, with sink: SAXSink, streamed: Bool = false) throws {
        let feeder = try XMLPartFeeder(archive: self, entry: entry, sink: sink, streamed: streamed,
                                       chunkSize: 64 * 1024)
        while try feeder.feedNextChunk() {}
    }
}
