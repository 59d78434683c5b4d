import MentorBase
import OfficeContainer

/// Reads an ODS file: opens the zip under the container safety policy, finds the sheets with
/// a first pass over `content.xml`, and hands out a streaming cursor per sheet.
///
/// The zip needs random access (its directory is at the end): a file is read in place with
/// `pread`, standard input is read whole first (up to `maxFileBytes`). Sheets can be read in
/// any order and more than once; each read parses `content.xml` from its start.
final class ODSReader: TableReader {
    let sheets: [SheetInfo]
    let details: SourceDetails
    var diagnostics: DiagnosticLog { box.log }
    private let box = DiagnosticBox()
    private let archive: ZipArchive
    private let content: ZipEntry
    private let limits: InputLimits

    /// How messages name the format.
    static let format = ContainerFormat(
        name: "ODS",
        repairHint: Localized(ru: "откройте файл в LibreOffice или МойОфис и сохраните заново как ODS",
                              en: "open the file in LibreOffice or MyOffice and save it again as ODS"),
        notThisFormatHint: Localized(ru: "проверьте, что файл скачан целиком и сохранён как таблица ODS",
                                     en: "check that the file was downloaded whole and saved as an ODS spreadsheet"))

    init(source: InputSource, limits: InputLimits) throws {
        self.limits = limits
        let archive = try ZipArchive(source: source, policy: ContainerSafetyPolicy(limits: limits), format: ODSReader.format)
        self.archive = archive
        try ODSReader.checkMimetype(archive)
        guard let content = archive.entry(named: "content.xml") else {
            throw archive.missingPart("content.xml", notThisFormat: true)
        }
        self.content = content

        var extras: [(String, String)] = []
        if let meta = archive.entry(named: "meta.xml") {
            let sink = ODSMetaSink(location: archive.location(ofPart: "meta.xml"))
            do {
                try archive.parse(part: meta, with: sink)
                if let g = sink.generator, !g.isEmpty { extras.append(("application", g)) }
            } catch let error as MentorBaseError {
                box.log.append(Diagnostic(code: "source-warning", severity: .warning, location: error.location,
                                          message: Localized(ru: "метаданные не читаются: \(error.message.ru)",
                                                             en: "the metadata cannot be read: \(error.message.en)")))
            }
        }
        let structure = ODSStructureSink(maxSheets: limits.maxEntries, location: archive.location(ofPart: "content.xml"))
        if let styles = archive.entry(named: "styles.xml") {
            let stylesSink = ODSStructureSink(maxSheets: limits.maxEntries, location: archive.location(ofPart: "styles.xml"))
            try archive.parse(part: styles, with: stylesSink)
            structure.hiddenStyles = stylesSink.hiddenStyles
        }
        try archive.parse(part: content, with: structure, streamed: true)
        sheets = structure.tables.enumerated().map { i, t in
            SheetInfo(name: t.name.isEmpty ? "Лист\(i + 1)" : t.name,
                      hidden: t.style.map(structure.hiddenStyles.contains) ?? false)
        }
        details = SourceDetails(extras: extras)
    }

    func rows(inSheet index: Int) throws -> any RowCursor {
        guard sheets.indices.contains(index) else {
            throw MentorBaseError.usage(ru: "в файле нет листа №\(index + 1) (листов: \(sheets.count))",
                                        en: "the file has no sheet #\(index + 1) (it has \(sheets.count))")
        }
        let sink = ODSRowSink(target: index, sheetName: sheets[index].name, limits: limits, diagnostics: box,
                              location: archive.location(ofPart: "content.xml"))
        return try ODSSheetCursor(archive: archive, entry: content, sink: sink)
    }

    /// Refuses other OpenDocument types (a text document renamed `.ods`) with a clear message;
    /// a missing `mimetype` is tolerated, as LibreOffice does.
    private static func checkMimetype(_ archive: ZipArchive) throws {
        guard let entry = archive.entry(named: "mimetype") else { return }
        guard entry.uncompressedSize <= 256 else {
            throw archive.corrupt(part: "mimetype", ru: "часть mimetype слишком длинная", en: "the mimetype part is too long")
        }
        let stream = try ZipEntryStream(archive: archive, entry: entry)
        let bytes = try stream.readToEnd(limit: 256, location: archive.location(ofPart: "mimetype"))
        let type = String(decoding: bytes, as: UTF8.self)
        guard type != ODSPlugin.mediaType, type != ODSPlugin.templateMediaType else { return }
        throw MentorBaseError(code: "source-error", kind: .data, location: archive.location(ofPart: "mimetype"),
                              message: Localized(ru: "это не таблица ODS: тип документа — \(type)",
                                                 en: "not an ODS spreadsheet: the document type is \(type)"),
                              hint: ODSReader.format.notThisFormatHint)
    }
}

/// Pulls one sheet's rows: feeds `content.xml` to the row sink a chunk at a time, only while
/// no finished row is waiting, and stops at the end of the sheet's table.
final class ODSSheetCursor: RowCursor {
    private let sink: ODSRowSink
    private let feeder: XMLPartFeeder
    private var failure: (any Error)?
    private var partDone = false

    var mergedRanges: [CellRange] { sink.merged }

    init(archive: ZipArchive, entry: ZipEntry, sink: ODSRowSink) throws {
        self.sink = sink
        feeder = try XMLPartFeeder(archive: archive, entry: entry, sink: sink)
    }

    func next() throws -> Row? {
        if let failure { throw failure }
        while true {
            if let row = take() { return row }
            if sink.tableFinished || partDone { return nil }
            do {
                partDone = try !feeder.feedNextChunk()
            } catch {
                failure = error
                throw error
            }
        }
    }

    /// The next row from the sink's queue, expanding runs one row at a time.
    private func take() -> Row? {
        guard sink.head < sink.queue.count else {
            if !sink.queue.isEmpty { sink.queue.removeAll(keepingCapacity: true); sink.head = 0 }
            return nil
        }
        switch sink.queue[sink.head] {
        case .empty(let first, let count):
            advance(count == 1 ? nil : .empty(first: first + 1, count: count - 1))
            return Row(number: first, cells: [])
        case .row(let first, let count, let cells):
            advance(count == 1 ? nil : .row(first: first + 1, count: count - 1, cells: cells))
            return Row(number: first, cells: cells)
        }
    }

    private func advance(_ rest: PendingRows?) {
        if let rest { sink.queue[sink.head] = rest } else { sink.head += 1 }
    }
}
