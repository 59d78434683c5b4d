import Foundation
import MentorBase
import MentorSchema

/// One value the public view may show.
public enum PublicValue: Sendable, Hashable {
    case text(String)
    /// An `http(s)` address (a case page, a photo).
    case link(String)
    /// Coded values with their labels (forms and kinds of mentoring).
    case codes([CodeLabel])

    /// The value as a table cell: links as their address, codes as their labels.
    public var cell: Cell {
        switch self {
        case .text(let s), .link(let s): return .text(s)
        case .codes(let c): return .text(c.map(\.label).joined(separator: "; "))
        }
    }
}

/// A code and its Russian label.
public struct CodeLabel: Sendable, Hashable {
    public var code: String
    public var label: String
}

/// One published person or pair: the public fields it has, by schema field name, in schema order.
public struct PublicEntry: Sendable, Hashable {
    public var values: [(field: String, value: PublicValue)]

    public static func == (a: PublicEntry, b: PublicEntry) -> Bool {
        a.values.map(\.field) == b.values.map(\.field) && a.values.map(\.value) == b.values.map(\.value)
    }

    public func hash(into h: inout Hasher) {
        for v in values { h.combine(v.field); h.combine(v.value) }
    }

    public subscript(_ field: String) -> PublicValue? { values.first { $0.field == field }?.value }

    /// A name to sort by (ё as е, case folded).
    var sortKey: String {
        if case .text(let s)? = self["fullName"] ?? self["mentorName"] {
            return s.lowercased().replacingOccurrences(of: "ё", with: "е")
        }
        return ""
    }
}

/// The website's view (DOMAIN.md «Rules»): consented people only, only the fields their consent
/// allows and the schema marks public; never contacts, birth dates, SNILS, guardians, classes,
/// categories or free-text requests; a pair's results and case only once the pair has ended.
///
/// Which fields are public, and which consent field allows each, comes from the schema
/// (`x-mentorbase.sensitivity` and `publishAs`), so the view and the schema cannot drift apart.
public struct PublicViews: Sendable {
    public let gate: PublicationGate

    public init(gate: PublicationGate) { self.gate = gate }

    /// The public fields of a kind, in schema order.
    public static func fields(_ kind: RecordKind) -> [String] {
        guard let s = try? MentorSchemas.schema(for: kind) else { return [] }
        return s.fields.filter { $0.sensitivity == .public }.map(\.name)
    }

    /// Column titles for the site: short, since the schema's titles are the official bases' long headers.
    public static func columns(_ kind: RecordKind) -> [String] {
        fields(kind).map { siteTitles[$0] ?? Vocabulary.title(kind, $0) }
    }

    static let siteTitles = [
        "fullName": "ФИО", "mentorName": "Наставник", "organization": "Место работы или учёбы", "position": "Должность",
        "competencies": "Компетенции", "achievements": "Достижения", "form": "Форма наставничества",
        "kinds": "Вид наставничества", "results": "Результаты", "caseLink": "Кейс или отзыв", "photoLink": "Фото",
    ]

    // MARK: People

    /// A mentor's card, or nil (counted in `summary`) when the mentor may not be published.
    public func mentor(_ r: ParticipantRecord, _ summary: inout ExportSummary) -> PublicEntry? {
        guard let allowed = decide(r.person, &summary) else { return nil }
        let m = r.person.mentor ?? MentorProfile()
        let ended = allEnded(r.pairings)
        var out: [(String, PublicValue)] = []
        for f in PublicViews.fields(.mentors) {
            let v: PublicValue?
            switch f {
            case "fullName": v = .text(r.person.person.displayName)
            case "organization": v = text(r.person.person.organization)
            case "position": v = text(r.person.person.position)
            case "competencies": v = text(m.competencies)
            case "achievements": v = text(m.achievements)
            case "form": v = forms(r.pairings)
            case "kinds": v = kinds(r.pairings)
            case "results": v = ended ? text(Vocabulary.distinct([m.results ?? ""] + r.pairings.compactMap(\.pairing.results)).joined(separator: "; ")) : withheldUntilEnd(text(m.results), &summary)
            case "caseLink": v = ended ? link(m.caseLink) : withheldUntilEnd(link(m.caseLink), &summary)
            case "photoLink": v = link(m.photoLink)
            default: v = nil    // a field the schema made public later: not shown until the view knows it
            }
            if let v, let kept = allow(.mentors, f, v, allowed, &summary) { out.append((f, kept)) }
        }
        return PublicEntry(values: out)
    }

    /// A mentee's entry, or nil when the mentee may not be published.
    public func mentee(_ r: ParticipantRecord, _ summary: inout ExportSummary) -> PublicEntry? {
        guard let allowed = decide(r.person, &summary) else { return nil }
        let m = r.person.mentee ?? MenteeProfile()
        let ended = allEnded(r.pairings)
        var out: [(String, PublicValue)] = []
        for f in PublicViews.fields(.mentees) {
            let v: PublicValue?
            switch f {
            case "fullName": v = .text(r.person.person.displayName)
            case "organization": v = text(r.person.person.organization)
            case "form": v = forms(r.pairings)
            case "kinds": v = kinds(r.pairings)
            case "results": v = ended ? text(m.results) : withheldUntilEnd(text(m.results), &summary)
            case "caseLink": v = ended ? link(m.caseLink) : withheldUntilEnd(link(m.caseLink), &summary)
            default: v = nil
            }
            if let v, let kept = allow(.mentees, f, v, allowed, &summary) { out.append((f, kept)) }
        }
        return PublicEntry(values: out)
    }

    /// A pair for the site: shown when its mentor is published; its results and case only after it
    /// ended, and its case only when the mentor and every mentee allow `case`.
    public func pair(_ p: PairingRecord, _ members: [Int64: PersonRecord], _ summary: inout ExportSummary) -> PublicEntry? {
        guard let mentor = p.mentorID.flatMap({ members[$0] }), let allowed = gate.decide(mentor).fields else {
            summary.pairsWithoutPublishedMentor += 1
            return nil
        }
        let ended = p.pairing.hasEnded(on: gate.date)
        let menteesAllowCase = p.menteeIDs.allSatisfy { id in
            members[id].flatMap { gate.decide($0).fields?.contains(.case) } ?? false
        }
        var out: [(String, PublicValue)] = []
        for f in PublicViews.fields(.pairs) {
            var v: PublicValue?
            switch f {
            case "mentorName": v = .text(mentor.person.displayName)
            case "form": v = forms([p])
            case "kinds": v = kinds([p])
            case "results": v = ended ? text(p.pairing.results) : withheldUntilEnd(text(p.pairing.results), &summary)
            case "caseLink":
                v = ended ? link(p.pairing.caseLink) : withheldUntilEnd(link(p.pairing.caseLink), &summary)
                if v != nil && !menteesAllowCase { summary.withhold(PublicField.case.rawValue); v = nil }
            default: v = nil
            }
            if let v, let kept = allow(.pairs, f, v, allowed, &summary) { out.append((f, kept)) }
        }
        return PublicEntry(values: out)
    }

    // MARK: Pieces

    private func decide(_ p: PersonRecord, _ summary: inout ExportSummary) -> Set<PublicField>? {
        switch gate.decide(p) {
        case .published(let f): return f
        case .excluded(let r): summary.exclude(r); return nil
        }
    }

    /// The value when the schema marks the field public and the consent allows it (`publishAs`).
    private func allow(_ kind: RecordKind, _ field: String, _ v: PublicValue, _ allowed: Set<PublicField>,
                       _ summary: inout ExportSummary) -> PublicValue? {
        guard let rule = Vocabulary.publication(kind, field), rule.sensitivity == .public else { return nil }
        guard let code = rule.publishAs else { return v }
        guard let f = PublicField(rawValue: code), allowed.contains(f) else {
            summary.withhold(code)
            return nil
        }
        return v
    }

    private func withheldUntilEnd(_ v: PublicValue?, _ summary: inout ExportSummary) -> PublicValue? {
        if v != nil { summary.resultsWithheldUntilEnd += 1 }
        return nil
    }

    private func allEnded(_ ps: [PairingRecord]) -> Bool {
        !ps.isEmpty && ps.allSatisfy { $0.pairing.hasEnded(on: gate.date) }
    }

    private func text(_ s: String?) -> PublicValue? {
        guard let s = s?.trimmingCharacters(in: .whitespacesAndNewlines), !s.isEmpty else { return nil }
        return .text(s)
    }

    /// Only `http(s)` addresses become links; anything else is shown as text (never `javascript:`).
    private func link(_ s: String?) -> PublicValue? {
        guard let t = text(s), case .text(let u) = t else { return nil }
        let l = u.lowercased()
        return (l.hasPrefix("https://") || l.hasPrefix("http://")) && !u.contains(where: { $0 == " " || $0 == "\"" })
            ? .link(u) : .text(u)
    }

    private func forms(_ ps: [PairingRecord]) -> PublicValue? {
        var seen = Set<String>()
        var out: [CodeLabel] = []
        for p in ps {
            guard let code = p.pairing.form, let label = Vocabulary.formText(p.pairing) else { continue }
            if seen.insert(code + "|" + label).inserted { out.append(CodeLabel(code: code, label: label)) }
        }
        return out.isEmpty ? nil : .codes(out)
    }

    private func kinds(_ ps: [PairingRecord]) -> PublicValue? {
        var seen = Set<String>()
        var out: [CodeLabel] = []
        for p in ps {
            for k in p.pairing.kinds where seen.insert(k).inserted {
                out.append(CodeLabel(code: k, label: Vocabulary.label(.pairs, "kinds", k)))
            }
        }
        return out.isEmpty ? nil : .codes(out)
    }
}
