import MentorBase

/// What `mentorbase export` can export.
public enum ExportKind: String, CaseIterable, Sendable, Hashable {
    case mentors, mentees, pairs, consents, questionnaires
    /// «База наставников» and «База наставляемых» together.
    case bases
}

/// Who an export is for, which decides what it may carry.
public enum ExportView: String, CaseIterable, Sendable, Hashable {
    /// The school website: consented people, allowed fields, never contacts or identifiers.
    case `public`
    /// Everything the store holds, for backup and transfer (people who revoked their consent left out).
    case full
    /// Counts and shares without personal data.
    case monitoring
}

/// One export run's parameters.
public struct ExportRequest: Sendable {
    public var kind: ExportKind
    public var view: ExportView
    /// The date consents are checked on and pairs are judged ended or active.
    public var date: CalendarDate
    /// The site the page goes to: a publication consent must name it (`--site`).
    public var site: String?
    /// Leave formula-like text as it is (`--raw`, a trusted destination).
    public var raw: Bool
    /// Only this questionnaire (one-sheet formats need one).
    public var questionnaire: ImportKind?

    public init(kind: ExportKind, view: ExportView, date: CalendarDate, site: String? = nil, raw: Bool = false,
                questionnaire: ImportKind? = nil) {
        self.kind = kind
        self.view = view
        self.date = date
        self.site = site
        self.raw = raw
        self.questionnaire = questionnaire
    }
}

/// Why a person or a value was left out of an export. Raw values are the keys of the JSON summary.
public enum ExclusionReason: String, CaseIterable, Sendable, Hashable, Comparable {
    /// No publication consent signed on or before the export date.
    case noConsent
    /// The publication consent (or the processing consent) was revoked.
    case revoked
    /// The publication consent's term ended.
    case expired
    /// A minor's publication consent not signed by a parent or legal representative.
    case notSignedByRepresentative
    /// `--site` was given and the consent names another site (or none).
    case siteNotNamed
    /// The consent does not allow the name (`fio`) to be published.
    case fieldNotAllowed

    public static func < (a: ExclusionReason, b: ExclusionReason) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// How the summary names the reason.
    public var label: Localized {
        switch self {
        case .noConsent: return Localized(ru: "нет согласия на публикацию", en: "no publication consent")
        case .revoked: return Localized(ru: "согласие отозвано", en: "consent revoked")
        case .expired: return Localized(ru: "срок согласия истёк", en: "consent expired")
        case .notSignedByRepresentative:
            return Localized(ru: "согласие несовершеннолетнего подписано не родителем (законным представителем)",
                             en: "a minor's consent not signed by a parent or legal representative")
        case .siteNotNamed: return Localized(ru: "согласие не называет этот сайт", en: "the consent does not name this site")
        case .fieldNotAllowed: return Localized(ru: "публикация ФИО не разрешена", en: "publishing the name is not allowed")
        }
    }
}

/// What an export left out and wrote: counts only, never names.
public struct ExportSummary: Sendable, Equatable {
    /// Rows written per table (sheet) name, in writing order.
    public var rows: [(table: String, count: Int)] = []
    /// Rows (people) left out, by reason.
    public var excluded: [ExclusionReason: Int] = [:]
    /// Values withheld from published people because their consent does not allow the field (by field code).
    public var withheldFields: [String: Int] = [:]
    /// Pair results and case links withheld because the pair has not ended.
    public var resultsWithheldUntilEnd = 0
    /// Pairs left out of the public view because their mentor is not published.
    public var pairsWithoutPublishedMentor = 0
    /// Text cells a spreadsheet would have run as formulas, neutralised.
    public var neutralisedCells = 0

    public init() {}

    public var excludedTotal: Int { excluded.values.reduce(0, +) }

    mutating func exclude(_ r: ExclusionReason) { excluded[r, default: 0] += 1 }

    mutating func withhold(_ field: String) { withheldFields[field, default: 0] += 1 }

    mutating func count(_ table: String, _ n: Int) {
        if let i = rows.firstIndex(where: { $0.table == table }) { rows[i].count += n } else { rows.append((table, n)) }
    }

    public static func == (a: ExportSummary, b: ExportSummary) -> Bool {
        a.rows.map(\.table) == b.rows.map(\.table) && a.rows.map(\.count) == b.rows.map(\.count)
            && a.excluded == b.excluded && a.withheldFields == b.withheldFields
            && a.resultsWithheldUntilEnd == b.resultsWithheldUntilEnd
            && a.pairsWithoutPublishedMentor == b.pairsWithoutPublishedMentor && a.neutralisedCells == b.neutralisedCells
    }

    /// The summary as a JSON object (the `summary` of the site JSON and of `--summary-format json`).
    public func json() -> String {
        var s = "{\"rows\":{" + rows.map { "\(JSONText.quote($0.table)):\($0.count)" }.joined(separator: ",") + "}"
        s += ",\"excluded\":{" + ExclusionReason.allCases.map { "\"\($0.rawValue)\":\(excluded[$0, default: 0])" }
            .joined(separator: ",") + "}"
        s += ",\"excludedTotal\":\(excludedTotal)"
        s += ",\"withheldFields\":{" + withheldFields.keys.sorted().map { "\(JSONText.quote($0)):\(withheldFields[$0] ?? 0)" }
            .joined(separator: ",") + "}"
        s += ",\"resultsWithheldUntilEnd\":\(resultsWithheldUntilEnd)"
        s += ",\"pairsWithoutPublishedMentor\":\(pairsWithoutPublishedMentor)"
        s += ",\"neutralisedCells\":\(neutralisedCells)}"
        return s
    }
}
