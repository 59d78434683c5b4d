import CLibXML2
import MentorBase

/// Receives one XML part's SAX2 events; subclass it and override what you need.
///
/// Names and values arrive as raw UTF-8 bytes so that hot paths compare and convert them
/// without building `String`s: compare names with ``xmlNameIs(_:_:)``, read attributes with
/// ``XMLAttributes``. Names are local names (the prefix is dropped), so `table:table-row`
/// arrives as `table-row` whatever prefix the producer chose.
///
/// A callback cannot throw: to stop the parse with an error, call ``stop(_:)``; the parser
/// throws that error from its `feed`/`finish`. Any DOCTYPE or entity declaration stops the
/// parse by itself (see ``ContainerSafetyPolicy``).
open class SAXSink {
    /// The first stopping problem a callback found; the parser stops right after it.
    public private(set) var failure: MentorBaseError? { didSet { stopped = failure != nil } }
    /// `failure != nil`, as a plain flag the per-event callbacks can test without copying the error.
    /// Read on every SAX event from another module's callbacks, where the compiler cannot prove
    /// exclusive access: the dynamic check is off (a sink belongs to one parser on one task).
    @exclusivity(unchecked) public final private(set) var stopped = false
    /// The first error libxml2 reported (message, line, column).
    var xmlError: (message: String, line: Int, column: Int)?
    /// Set while the parser runs, so a callback can stop it.
    var context: xmlParserCtxtPtr?
    /// Where the part is (file and part name), for messages.
    public var location: SourceLocation

    /// A sink for the part at `location` (give it the part: `archive.location(ofPart:)`).
    public init(location: SourceLocation) {
        self.location = location
    }

    /// An element starts: `attributes` holds `count` quintuples (local name, prefix, URI, value start, value end);
    /// wrap them in ``XMLAttributes`` to read them.
    open func startElement(_ name: UnsafePointer<UInt8>, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {}
    /// An element ends.
    open func endElement(_ name: UnsafePointer<UInt8>) {}
    /// Text (or CDATA) inside the current element; one text node may arrive in several calls.
    open func characters(_ bytes: UnsafePointer<UInt8>, _ count: Int) {}

    /// Records `error` (the first one wins) and stops the parser.
    public final func stop(_ error: MentorBaseError) {
        if failure == nil { failure = error }
        if let context { xmlStopParser(context) }
    }

    /// Refuses any DTD: office formats never have one, and entities are the door to
    /// billion-laughs expansion and to external files.
    final func refuseDTD() {
        stop(MentorBaseError.source(location, ru: "XML-часть содержит DOCTYPE или объявление сущностей — такие файлы не читаются из соображений безопасности",
                                    en: "an XML part holds a DOCTYPE or entity declaration, which is refused for safety",
                                    hintRu: "офисные программы таких частей не пишут; файл, вероятно, подделан",
                                    hintEn: "office programs never write them; the file was probably tampered with"))
    }
}
