import MentorBase

/// How many pairs use one form of mentoring: program data, no personal data.
public struct FormSummary: Sendable, Hashable {
    public var code: String
    public var label: String
    public var activePairs: Int
    public var endedPairs: Int
}

/// The public view as one document: what `--format json` writes for the website and what a
/// school's `--template` is rendered with. Its shape is `docs/site-export.schema.json`.
///
/// Versioning: `schemaVersion` is an integer raised whenever a field is renamed or removed or its
/// meaning changes; adding an optional field keeps the version.
public struct SiteDocument: Sendable {
    /// The version of the document's shape.
    public static let schemaVersion = 1

    public var title: String
    public var exportDate: CalendarDate
    public var site: String?
    public var kind: ExportKind
    public var mentors: [PublicEntry]?
    public var mentees: [PublicEntry]?
    public var pairs: [PublicEntry]?
    public var forms: [FormSummary]
    public var summary: ExportSummary

    public init(title: String, exportDate: CalendarDate, site: String?, kind: ExportKind, mentors: [PublicEntry]?,
                mentees: [PublicEntry]?, pairs: [PublicEntry]?, forms: [FormSummary], summary: ExportSummary) {
        self.title = title
        self.exportDate = exportDate
        self.site = site
        self.kind = kind
        self.mentors = mentors
        self.mentees = mentees
        self.pairs = pairs
        self.forms = forms
        self.summary = summary
    }

    /// The document as JSON text (keys in a fixed order, UTF-8, no trailing newline).
    public func json() -> String {
        var s = "{\"schemaVersion\":\(SiteDocument.schemaVersion),\"generator\":\"mentorbase\""
        s += ",\"title\":\(JSONText.quote(title)),\"exportDate\":\"\(exportDate.iso)\""
        s += ",\"site\":" + (site.map(JSONText.quote) ?? "null") + ",\"kind\":\"\(kind.rawValue)\""
        for (name, list) in [("mentors", mentors), ("mentees", mentees), ("pairs", pairs)] {
            guard let list else { continue }
            s += ",\"\(name)\":[" + list.map(SiteDocument.json).joined(separator: ",") + "]"
        }
        s += ",\"forms\":[" + forms.map {
            "{\"code\":\(JSONText.quote($0.code)),\"label\":\(JSONText.quote($0.label)),\"activePairs\":\($0.activePairs),\"endedPairs\":\($0.endedPairs)}"
        }.joined(separator: ",") + "]"
        s += ",\"summary\":" + summary.json() + "}"
        return s
    }

    static func json(_ e: PublicEntry) -> String {
        "{" + e.values.map { "\(JSONText.quote($0.field)):" + json($0.value) }.joined(separator: ",") + "}"
    }

    static func json(_ v: PublicValue) -> String {
        switch v {
        case .text(let s), .link(let s): return JSONText.quote(s)
        case .codes(let c):
            return "[" + c.map { "{\"code\":\(JSONText.quote($0.code)),\"label\":\(JSONText.quote($0.label))}" }
                .joined(separator: ",") + "]"
        }
    }

    /// The document as a template context: the same keys as the JSON, plus `exportDateRu`
    /// (dd.mm.yyyy), `hasMentors`/`hasMentees`/`hasPairs`, and on each coded list a `text`
    /// (labels joined with «; »).
    public func templateContext() -> TemplateValue {
        func entry(_ e: PublicEntry) -> TemplateValue {
            var o: [String: TemplateValue] = [:]
            for (f, v) in e.values {
                switch v {
                case .text(let s): o[f] = .string(s)
                case .link(let s): o[f] = .string(s); o[f + "IsLink"] = .bool(true)
                case .codes(let c):
                    o[f] = .list(c.map { .object(["code": .string($0.code), "label": .string($0.label)]) })
                    o[f + "Text"] = .string(c.map(\.label).joined(separator: "; "))
                }
            }
            return .object(o)
        }
        var root: [String: TemplateValue] = [
            "schemaVersion": .number(Double(SiteDocument.schemaVersion)), "title": .string(title),
            "exportDate": .string(exportDate.iso), "exportDateRu": .string(exportDate.russian),
            "site": site.map(TemplateValue.string) ?? .null, "kind": .string(kind.rawValue),
            "forms": .list(forms.map {
                .object(["code": .string($0.code), "label": .string($0.label),
                         "activePairs": .number(Double($0.activePairs)), "endedPairs": .number(Double($0.endedPairs))])
            }),
        ]
        for (name, list) in [("mentors", mentors), ("mentees", mentees), ("pairs", pairs)] {
            root[name] = .list((list ?? []).map(entry))
            root["has" + name.prefix(1).uppercased() + name.dropFirst()] = .bool(!(list ?? []).isEmpty)
        }
        return .object(root)
    }
}
