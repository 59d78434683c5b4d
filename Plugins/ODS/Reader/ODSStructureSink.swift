import MentorBase
import OfficeContainer

/// The first pass over `content.xml` (and `styles.xml`): the sheets' names and which are hidden.
///
/// ODS has no workbook part listing the sheets, so the reader finds them here before any row
/// is read. A sheet is hidden when its `table:style-name` names a table style whose
/// `style:table-properties` say `table:display="false"` (that is how LibreOffice marks it).
/// Cells are not looked at, so the pass costs a parse of the part and little else.
final class ODSStructureSink: SAXSink {
    /// Table styles with `table:display="false"`.
    var hiddenStyles: Set<String> = []
    /// Top-level tables in document order: name and style.
    private(set) var tables: [(name: String, style: String?)] = []
    private let maxSheets: Int
    private var styleName: String?
    private var inSpreadsheet = false
    private var tableDepth = 0

    /// A sink refusing more than `maxSheets` sheets.
    init(maxSheets: Int, location: SourceLocation) {
        self.maxSheets = maxSheets
        super.init(location: location)
    }

    override func startElement(_ name: UnsafePointer<UInt8>, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        if tableDepth > 0 {
            if xmlNameIs(name, "table") { tableDepth += 1 }     // a table inside a cell or a shape
            return
        }
        let a = XMLAttributes(count, attributes)
        if xmlNameIs(name, "table") {
            guard inSpreadsheet else { return }
            tableDepth = 1
            guard tables.count < maxSheets else {
                return stop(MentorBaseError.limit(location, ru: "в книге больше \(maxSheets) листов",
                                                  en: "the workbook has more than \(maxSheets) sheets"))
            }
            tables.append((a.string("name") ?? "", a.string("style-name")))
        } else if xmlNameIs(name, "spreadsheet") {
            inSpreadsheet = true
        } else if xmlNameIs(name, "style") {
            styleName = a.raw("family").map { $0.elementsEqual("table".utf8) } == true ? a.string("name") : nil
        } else if xmlNameIs(name, "table-properties"), let styleName,
                  let display = a.raw("display"), display.elementsEqual("false".utf8) {
            hiddenStyles.insert(styleName)
        }
    }

    override func endElement(_ name: UnsafePointer<UInt8>) {
        if tableDepth > 0 {
            if xmlNameIs(name, "table") { tableDepth -= 1 }
        } else if xmlNameIs(name, "style") {
            styleName = nil
        } else if xmlNameIs(name, "spreadsheet") {
            inSpreadsheet = false
        }
    }
}

/// `meta:generator` from `meta.xml`: the program that wrote the file, for `inspect`.
final class ODSMetaSink: SAXSink {
    private(set) var generator: String?
    private var inGenerator = false
    private var bytes: [UInt8] = []

    override func startElement(_ name: UnsafePointer<UInt8>, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        if xmlNameIs(name, "generator") { inGenerator = true }
    }

    override func endElement(_ name: UnsafePointer<UInt8>) {
        if inGenerator, xmlNameIs(name, "generator") {
            inGenerator = false
            generator = String(decoding: bytes, as: UTF8.self)
        }
    }

    override func characters(_ p: UnsafePointer<UInt8>, _ count: Int) {
        if inGenerator, bytes.count + count <= 1024 { bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: count)) }
    }
}
