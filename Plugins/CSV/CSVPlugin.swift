import MentorBase

/// Delimited text (CSV, TSV), parsed by libcsv.
public struct CSVPlugin: FormatPlugin {
    public init() {}

    public var descriptor: FormatDescriptor {
        FormatDescriptor(id: "csv", name: "CSV (delimited text)", extensions: ["csv", "tsv", "txt"],
                         mediaTypes: ["text/csv", "text/tab-separated-values"],
                         capabilities: [.read, .write, .streaming])
    }
}
