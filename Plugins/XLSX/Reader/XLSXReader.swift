#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MentorBase

/// Reads an XLSX workbook (transitional or strict OOXML) sheet by sheet, row by row.
///
/// Opening reads only the zip directory and the small parts (relationships, workbook,
/// styles, app properties). The shared-strings table is read once, when the first sheet
/// is opened; sheets themselves stream through ``XLSXSheetCursor``. All limits come from
/// ``XLSXSafetyPolicy``.
final class XLSXReader: TableReader {
    let sheets: [SheetInfo]
    let details: SourceDetails
    var diagnostics: DiagnosticLog { collector.log }

    private let archive: ZipArchive
    private let location: SourceLocation
    private let policy: XLSXSafetyPolicy
    private let fill: MergedFill
    private let sheetParts: [String?]
    private let sharedStringsPart: String?
    private var sharedStrings: [String]?
    private let formatKinds: [NumberFormatKind]
    private let dateSystem: ExcelDateSystem
    private let collector = DiagnosticCollector()

    init(source: InputSource, options: ReadOptions) throws {
        let location = source.location
        self.location = location
        policy = XLSXSafetyPolicy(limits: options.limits)
        switch options.settings["fill-merged"]?.lowercased() {
        case nil, "none", "no", "false": fill = .none
        case "header", "headers": fill = .header
        case "all": fill = .all
        case let other?:
            throw MentorBaseError.usage(ru: "fill-merged: ожидалось none, header или all, а не «\(other)»",
                                        en: "fill-merged: expected none, header or all, not “\(other)”")
        }
        let bytes: ZipBytes
        if let url = source.fileURL {
            bytes = try ZipBytes(path: url.path, location: location)
        } else {
            bytes = ZipBytes(bytes: try source.readAll(limit: policy.limits.maxFileBytes), location: location)
        }
        let archive = try ZipArchive(bytes: bytes, policy: policy, location: location)
        self.archive = archive

        // The package's root relationships name the workbook part (usually xl/workbook.xml).
        let rootRels = try XLSXReader.relationships(archive, ofPart: "", relsPart: "_rels/.rels", location, required: false)
        let workbookPart = rootRels.first { $0.kind == "officeDocument" }?.part ?? "xl/workbook.xml"
        guard let workbookEntry = archive.entry(named: workbookPart) else {
            throw XLSXReader.missingPart(location, workbookPart, notWorkbook: true)
        }
        let wbRels = try XLSXReader.relationships(archive, ofPart: workbookPart,
                                                  relsPart: PartPath.relationshipsPart(of: workbookPart), location, required: true)
        let workbook = WorkbookSink(location: XLSXReader.at(location, workbookPart))
        try archive.parse(part: workbookEntry, with: workbook)

        var relsByID: [String: PartRelationship] = [:]
        for r in wbRels { relsByID[r.id] = r }
        var infos: [SheetInfo] = []
        var parts: [String?] = []
        for s in workbook.sheets {
            guard let id = s.relationshipID, let rel = relsByID[id] else {
                throw ZipArchive.corrupt(location, part: workbookPart, ru: "у листа «\(s.name)» нет связи с его частью",
                                         en: "sheet “\(s.name)” has no relationship to its part")
            }
            // Chart sheets, dialog sheets and macro sheets hold no cells.
            guard rel.kind == "worksheet" else { continue }
            infos.append(SheetInfo(name: s.name, hidden: s.hidden))
            parts.append(rel.part)
        }
        sheets = infos
        sheetParts = parts
        dateSystem = workbook.date1904 ? .excel1904 : .excel1900
        sharedStringsPart = wbRels.first { $0.kind == "sharedStrings" }?.part

        if let stylesPart = wbRels.first(where: { $0.kind == "styles" })?.part, let entry = archive.entry(named: stylesPart) {
            let styles = StylesSink(location: XLSXReader.at(location, stylesPart))
            try archive.parse(part: entry, with: styles)
            formatKinds = styles.kinds
        } else {
            formatKinds = []
        }

        var extras: [(String, String)] = []
        if workbook.date1904 { extras.append(("date1904", "true")) }
        // The producing application is a courtesy: a broken app.xml must not stop the read.
        if let appPart = rootRels.first(where: { $0.kind == "extended-properties" })?.part,
           let entry = archive.entry(named: appPart) {
            let app = AppPropertiesSink(location: XLSXReader.at(location, appPart))
            if (try? archive.parse(part: entry, with: app)) != nil, let name = app.application {
                extras.append(("application", name))
            }
        }
        details = SourceDetails(extras: extras)
    }

    func rows(inSheet index: Int) throws -> any RowCursor {
        guard sheets.indices.contains(index) else {
            throw MentorBaseError.usage(ru: "нет листа номер \(index + 1)", en: "there is no sheet number \(index + 1)")
        }
        let name = sheets[index].name
        guard let part = sheetParts[index], let entry = archive.entry(named: part) else {
            throw XLSXReader.missingPart(location, sheetParts[index] ?? "?", notWorkbook: false, sheet: name)
        }
        let strings = try loadSharedStrings()
        var loc = XLSXReader.at(location, part)
        loc.sheet = name
        var merges: [CellRange] = []
        if fill != .none {
            let pre = MergedRangesSink(location: loc)
            try archive.parse(part: entry, with: pre, streamed: true)
            merges = pre.merged
        }
        let context = SheetContext(sheetName: name, location: loc, sharedStrings: strings, formatKinds: formatKinds,
                                   dateSystem: dateSystem, limits: policy.limits)
        let sink = SheetSink(context: context, diagnostics: collector)
        return try XLSXSheetCursor(stream: try ZipEntryStream(archive: archive, entry: entry, streamed: true), sink: sink,
                                   fill: fill, preScannedMerges: merges)
    }

    private func loadSharedStrings() throws -> [String] {
        if let sharedStrings { return sharedStrings }
        var strings: [String] = []
        if let part = sharedStringsPart {
            guard let entry = archive.entry(named: part) else {
                throw XLSXReader.missingPart(location, part, notWorkbook: false)
            }
            let sink = SharedStringsSink(location: XLSXReader.at(location, part), maxCellBytes: policy.limits.maxCellBytes)
            try archive.parse(part: entry, with: sink)
            strings = sink.strings
        }
        sharedStrings = strings
        return strings
    }

    private static func at(_ loc: SourceLocation, _ part: String) -> SourceLocation {
        var l = loc
        l.part = part
        return l
    }

    private static func relationships(_ archive: ZipArchive, ofPart part: String, relsPart: String,
                                      _ loc: SourceLocation, required: Bool) throws -> [PartRelationship] {
        guard let entry = archive.entry(named: relsPart) else {
            if required { throw missingPart(loc, relsPart, notWorkbook: false) }
            return []
        }
        let sink = RelationshipsSink(location: at(loc, relsPart), baseFolder: PartPath.folder(of: part))
        try archive.parse(part: entry, with: sink)
        return sink.relationships
    }

    private static func missingPart(_ loc: SourceLocation, _ part: String, notWorkbook: Bool, sheet: String? = nil) -> MentorBaseError {
        var l = at(loc, part)
        l.sheet = sheet
        if notWorkbook {
            return MentorBaseError.source(l, ru: "это не книга Excel: в архиве нет части \(part)",
                                          en: "not an Excel workbook: the archive has no part \(part)",
                                          hintRu: "возможно, это документ Word, PowerPoint или OpenDocument",
                                          hintEn: "it may be a Word, PowerPoint or OpenDocument file")
        }
        return MentorBaseError.source(l, ru: "файл повреждён: нет части \(part)", en: "the file is damaged: part \(part) is missing",
                                      hintRu: "откройте файл в Excel или LibreOffice и сохраните заново как XLSX",
                                      hintEn: "open the file in Excel or LibreOffice and save it again as XLSX")
    }
}
