import MentorBase
import OfficeContainer

/// OpenDocument spreadsheets (`.ods`): LibreOffice's and MyOffice's own format.
///
/// Reads every sheet of `content.xml` a row at a time through the shared container module
/// (hardened zip reader, libxml2 SAX2 with the container safety policy); writes a zip of
/// `mimetype` (stored, first), `META-INF/manifest.xml`, `styles.xml`, `meta.xml`,
/// `settings.xml` and a `content.xml` streamed row by row with typed cells.
public struct ODSPlugin: FormatPlugin {
    /// The media type in an ODS file's `mimetype` entry.
    public static let mediaType = "application/vnd.oasis.opendocument.spreadsheet"
    /// The media type of an ODS template (`.ots`), read the same way.
    static let templateMediaType = "application/vnd.oasis.opendocument.spreadsheet-template"

    /// The plugin; it holds no state.
    public init() {}

    /// Id `ods`, extension `.ods`, read and write, several sheets, typed values and dates.
    public var descriptor: FormatDescriptor {
        FormatDescriptor(id: "ods", name: "OpenDocument spreadsheet (ODS)", extensions: ["ods"],
                         mediaTypes: [ODSPlugin.mediaType],
                         capabilities: [.read, .write, .multipleSheets, .typedValues, .dates])
    }

    /// `.content` for a zip whose `mimetype` entry names an OpenDocument spreadsheet; nil for
    /// another OpenDocument type; `.plausibleContent` for a zip that has the ODF parts but no
    /// readable `mimetype`; `.fileExtension` for any other `.ods`.
    public func sniff(_ probe: SniffProbe) -> SniffMatch? {
        let byName = probe.fileExtension == "ods" ? SniffMatch(.fileExtension, reason: "extension .ods") : nil
        guard ZipHead.hasSignature(probe.head) else { return byName }
        let entries = ZipHead.entries(in: probe.head)
        if let mimetype = entries.first(where: { $0.name == "mimetype" }), let data = mimetype.storedData {
            if data.elementsEqual(ODSPlugin.mediaType.utf8) || data.elementsEqual(ODSPlugin.templateMediaType.utf8) {
                return SniffMatch(.content, reason: "OpenDocument spreadsheet mimetype")
            }
            return nil     // another OpenDocument type (text, presentation …)
        }
        let names = Set(entries.map(\.name))
        if names.contains("content.xml") && (names.contains("META-INF/manifest.xml") || names.contains("styles.xml")) {
            return SniffMatch(.plausibleContent, reason: "zip with OpenDocument parts")
        }
        return byName
    }

    /// A reader over the file's sheets; the sheet list comes from a first pass over `content.xml`.
    public func makeReader(source: InputSource, options: ReadOptions) throws -> any TableReader {
        try ODSReader(source: source, limits: options.limits)
    }

    /// A writer streaming `content.xml` row by row into the target.
    public func makeWriter(target: OutputTarget, options: WriteOptions) throws -> any TableWriter {
        try ODSWriter(target: target)
    }
}
