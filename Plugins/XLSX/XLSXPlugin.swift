import MentorBase

/// Excel workbooks (Office Open XML), written by libxlsxwriter.
public struct XLSXPlugin: FormatPlugin {
    public init() {}

    public var descriptor: FormatDescriptor {
        FormatDescriptor(id: "xlsx", name: "Excel workbook (XLSX)", extensions: ["xlsx", "xlsm"],
                         mediaTypes: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
                         capabilities: [.read, .write, .multipleSheets, .dates, .typedValues, .styling],
                         magic: [MagicSignature(bytes: [0x50, 0x4B, 0x03, 0x04])])
    }
}
