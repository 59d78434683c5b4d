import MentorBase
import OfficeContainer

/// The fixed XML of an ODS file (manifest, styles, meta, the head of `content.xml`) and the
/// cell styles the writer uses.
enum ODSParts {
    static let namespaces = """
        xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
        xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
        xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
        xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" \
        xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" \
        xmlns:dc="http://purl.org/dc/elements/1.1/" \
        xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" \
        xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" \
        xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" \
        xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
        """

    static let manifest = """
        <?xml version="1.0" encoding="UTF-8"?>
        <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
         <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="\(ODSPlugin.mediaType)"/>
         <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
         <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
         <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
         <manifest:file-entry manifest:full-path="settings.xml" manifest:media-type="text/xml"/>
        </manifest:manifest>

        """

    static let meta = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-meta \(namespaces) office:version="1.3"><office:meta>\
        <meta:generator>mentorbase</meta:generator></office:meta></office:document-meta>

        """

    static let styles = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-styles \(namespaces) office:version="1.3"><office:styles>\
        <style:default-style style:family="table-cell"><style:paragraph-properties style:tab-stop-distance="1.25cm"/>\
        </style:default-style>\
        <style:style style:name="Default" style:family="table-cell"/>\
        </office:styles></office:document-styles>

        """

    /// What a cell looks like: its data style and its fill.
    enum Kind: Int, CaseIterable { case general, date, dateTime, boolean }

    /// The automatic style of a cell: `ce` + header flag + kind + fill, all combinations declared up front.
    static func styleName(header: Bool, kind: Kind, fill: CellAnnotation.Fill?) -> String {
        "ce\(header ? 1 : 0)\(kind.rawValue)\(fill.map(fillIndex) ?? 0)"
    }

    private static func fillIndex(_ f: CellAnnotation.Fill) -> Int {
        switch f {
        case .error: return 1
        case .warning: return 2
        case .changed: return 3
        }
    }

    private static let fills: [String?] = [nil, "#ffc7ce", "#ffeb9c", "#c6efce"]

    /// The head of `content.xml`: data styles (dates as DD.MM.YYYY, booleans), the table style,
    /// every cell style, and the opening of the spreadsheet body.
    static var contentHead: String {
        var s = """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-content \(namespaces) office:version="1.3"><office:automatic-styles>\
            <number:date-style style:name="N1"><number:day number:style="long"/><number:text>.</number:text>\
            <number:month number:style="long"/><number:text>.</number:text><number:year number:style="long"/></number:date-style>\
            <number:date-style style:name="N2"><number:day number:style="long"/><number:text>.</number:text>\
            <number:month number:style="long"/><number:text>.</number:text><number:year number:style="long"/>\
            <number:text> </number:text><number:hours number:style="long"/><number:text>:</number:text>\
            <number:minutes number:style="long"/><number:text>:</number:text><number:seconds number:style="long"/></number:date-style>\
            <number:boolean-style style:name="N3"><number:boolean/></number:boolean-style>\
            <style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>
            """
        let dataStyles = [nil, "N1", "N2", "N3"]
        for header in [false, true] {
            for kind in Kind.allCases {
                for (f, fill) in fills.enumerated() {
                    let name = "ce\(header ? 1 : 0)\(kind.rawValue)\(f)"
                    s += "<style:style style:name=\"\(name)\" style:family=\"table-cell\" style:parent-style-name=\"Default\""
                    if let d = dataStyles[kind.rawValue] { s += " style:data-style-name=\"\(d)\"" }
                    s += ">"
                    if let fill { s += "<style:table-cell-properties fo:background-color=\"\(fill)\"/>" }
                    if header { s += "<style:text-properties fo:font-weight=\"bold\"/>" }
                    s += "</style:style>"
                }
            }
        }
        s += "</office:automatic-styles><office:body><office:spreadsheet>"
        return s
    }

    static let contentTail = "</office:spreadsheet></office:body></office:document-content>\n"

    /// `settings.xml`: the header rows of each sheet frozen, as LibreOffice's view settings say it.
    static func settings(_ sheets: [(name: String, headerRows: Int)]) -> [UInt8] {
        var s = """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-settings \(namespaces) office:version="1.3"><office:settings>\
            <config:config-item-set config:name="ooo:view-settings"><config:config-item-map-indexed config:name="Views">\
            <config:config-item-map-entry><config:config-item config:name="ViewId" config:type="string">view1</config:config-item>\
            <config:config-item-map-named config:name="Tables">
            """
        for sheet in sheets where sheet.headerRows > 0 {
            s += "<config:config-item-map-entry config:name=\"\(XMLText.escape(sheet.name))\">"
            s += "<config:config-item config:name=\"VerticalSplitMode\" config:type=\"short\">2</config:config-item>"
            s += "<config:config-item config:name=\"VerticalSplitPosition\" config:type=\"int\">\(sheet.headerRows)</config:config-item>"
            s += "<config:config-item config:name=\"ActiveSplitRange\" config:type=\"short\">2</config:config-item>"
            s += "<config:config-item config:name=\"PositionTop\" config:type=\"int\">0</config:config-item>"
            s += "<config:config-item config:name=\"PositionBottom\" config:type=\"int\">\(sheet.headerRows)</config:config-item>"
            s += "</config:config-item-map-entry>"
        }
        s += "</config:config-item-map-named></config:config-item-map-entry></config:config-item-map-indexed>"
        s += "</config:config-item-set></office:settings></office:document-settings>\n"
        return Array(s.utf8)
    }
}
