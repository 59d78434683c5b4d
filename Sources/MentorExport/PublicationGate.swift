import Foundation
import MentorBase

/// The fields a publication consent can allow (152-ФЗ art. 10.1: the consent lists them).
public enum PublicField: String, CaseIterable, Sendable, Hashable {
    case fio, photo, position, workplace, competencies, achievements
    case `case`
}

/// Decides, for one person on one date, whether the website may show them and which fields.
///
/// The rules (DOMAIN.md «Rules»):
/// - a person whose processing consent was revoked leaves every export;
/// - the latest publication consent signed on or before the date decides: it must not be revoked
///   or expired on that date;
/// - for a minor (under 18 on the signing day; a student whose birth date is unknown counts as a
///   minor) it must be signed by a parent, guardian or other legal representative;
/// - with `site`, the consent must name that site;
/// - it must allow `fio`: a card without a name is not published; an empty list allows nothing.
public struct PublicationGate: Sendable {
    public var date: CalendarDate
    public var site: String?

    public init(date: CalendarDate, site: String? = nil) {
        self.date = date
        self.site = site.flatMap(PublicationGate.normalizedSite)
    }

    /// What the gate decided for one person.
    public enum Decision: Sendable, Hashable {
        case published(Set<PublicField>)
        case excluded(ExclusionReason)

        /// The fields allowed, nil when the person is not published.
        public var fields: Set<PublicField>? {
            if case .published(let f) = self { return f }
            return nil
        }
    }

    public func decide(_ p: PersonRecord) -> Decision {
        if p.isExcludedByRevocation(on: date) { return .excluded(.revoked) }
        let signed = p.consents.filter { $0.kind == .publication && $0.signedOn <= date }
        guard let latest = signed.max(by: { $0.signedOn < $1.signedOn }) else { return .excluded(.noConsent) }
        if let r = latest.revokedOn, r <= date { return .excluded(.revoked) }
        if let until = latest.validUntil, until < date { return .excluded(.expired) }
        if PublicationGate.isMinor(p.person, on: latest.signedOn) {
            switch latest.signerRole {
            case .parent?, .guardian?, .otherRepresentative?: break
            case .self?, nil: return .excluded(.notSignedByRepresentative)
            }
        }
        if let site {
            guard let named = latest.site.flatMap(PublicationGate.normalizedSite), PublicationGate.site(site, isCoveredBy: named) else {
                return .excluded(.siteNotNamed)
            }
        }
        let fields = Set(latest.publicationFields.compactMap { PublicField(rawValue: $0) })
        guard fields.contains(.fio) else { return .excluded(.fieldNotAllowed) }
        return .published(fields)
    }

    /// Under 18 on `day`. Only a birth year known: 18 in that year may still be 17, so a minor.
    /// Nothing known: a student is taken for a minor, anyone else for an adult.
    public static func isMinor(_ p: Person, on day: CalendarDate) -> Bool {
        if let age = age(p, on: day) { return age < 18 }
        if let y = p.birthYear { return day.year - y <= 18 }
        return p.kind == .student || p.className != nil
    }

    /// Full years on `day`, when the birth date is known.
    public static func age(_ p: Person, on day: CalendarDate) -> Int? {
        guard let b = p.birthDate else { return nil }
        var years = day.year - b.year
        if (day.month, day.day) < (b.month, b.day) { years -= 1 }
        return years
    }

    /// `https://www.School4.ru/nastavnichestvo/` → `school4.ru/nastavnichestvo`.
    static func normalizedSite(_ s: String) -> String? {
        var t = s.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        for scheme in ["https://", "http://"] where t.hasPrefix(scheme) { t.removeFirst(scheme.count) }
        if t.hasPrefix("www.") { t.removeFirst(4) }
        while t.hasSuffix("/") { t.removeLast() }
        return t.isEmpty ? nil : t
    }

    /// The page's site lies within the one the consent names (same host, same or deeper path).
    static func site(_ page: String, isCoveredBy named: String) -> Bool {
        page == named || page.hasPrefix(named + "/")
    }
}
