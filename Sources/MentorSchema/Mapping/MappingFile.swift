import Foundation
import MentorBase

/// A saved header mapping (`--save-map`), read back with `--map`.
///
/// ```json
/// {"kind": "mentees", "headerRow": 3,
///  "columns": [{"header": "ФИО ребенка", "target": "fullName"},
///              {"header": "Фамилия наставника", "target": "mentorName.lastName"},
///              {"header": "Вид / Виртуальное", "target": "kinds=virtual"},
///              {"header": "Комментарий", "target": null}]}
/// ```
/// A target is a field name, `field.lastName|firstName|patronymic` for a name part,
/// `field=option` for a column per option, or null to ignore the column. Headers are matched folded.
public struct MappingFile: Codable, Sendable, Hashable {
    public struct Column: Codable, Sendable, Hashable {
        public var header: String
        public var target: String?

        public init(header: String, target: String?) {
            self.header = header
            self.target = target
        }

        enum CodingKeys: String, CodingKey { case header, target }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(header, forKey: .header)
            if let target { try c.encode(target, forKey: .target) } else { try c.encodeNil(forKey: .target) }
        }
    }

    public var kind: String?
    public var headerRow: Int?
    public var columns: [Column]

    public init(kind: String?, headerRow: Int?, columns: [Column]) {
        self.kind = kind
        self.headerRow = headerRow
        self.columns = columns
    }

    /// Reads a mapping file; a broken one is a usage error naming the file.
    public static func load(path: String) throws -> MappingFile {
        let stream = try FileDescriptorStream(path: path, displayName: path)
        let bytes = try stream.readToEnd(limit: 4 << 20, location: SourceLocation(file: path))
        do {
            return try JSONDecoder().decode(MappingFile.self, from: Data(bytes))
        } catch {
            throw MentorBaseError(code: "map-invalid", kind: .usage, location: SourceLocation(file: path),
                                  message: Localized(ru: "файл соответствий не читается: \(error)",
                                                     en: "the mapping file cannot be read: \(error)"),
                                  hint: Localized(ru: "сохраните его заново через --save-map", en: "save it again with --save-map"))
        }
    }

    /// The file as pretty JSON text.
    public func jsonText() -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? enc.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Resolves a target spelling against a schema; nil target means ignore.
    func resolve(_ target: String?, in schema: KindSchema) throws -> ColumnTarget {
        guard let target, !target.isEmpty else { return .ignored }
        if let eq = target.firstIndex(of: "=") {
            let name = String(target[..<eq]), option = String(target[target.index(after: eq)...])
            guard let f = schema.index(of: name) else { throw unknown(target, schema) }
            return .option(field: f, option: option)
        }
        if let dot = target.firstIndex(of: ".") {
            let name = String(target[..<dot])
            guard let f = schema.index(of: name), let part = NamePart(rawValue: String(target[target.index(after: dot)...])) else {
                throw unknown(target, schema)
            }
            return .namePart(field: f, part: part)
        }
        guard let f = schema.index(of: target) else { throw unknown(target, schema) }
        return .field(f)
    }

    private func unknown(_ t: String, _ schema: KindSchema) -> MentorBaseError {
        let names = schema.fields.map(\.name).joined(separator: ", ")
        return MentorBaseError(code: "map-invalid", kind: .usage,
                               message: Localized(ru: "в файле соответствий неизвестное поле «\(t)» для «\(schema.kind.rawValue)»",
                                                  en: "the mapping file names an unknown field “\(t)” for “\(schema.kind.rawValue)”"),
                               hint: Localized(ru: "поля: \(names)", en: "fields: \(names)"))
    }
}
