/// The rules of DOMAIN.md that need what the store knows, checked while a row is planned.
///
/// A file alone cannot tell whether a consent's signer is right when the row carries no birth
/// date, nor whether the people of an active pair have a valid processing consent: both depend
/// on rows imported earlier (or earlier in the same file). The planner asks these questions of
/// its working set, which holds the stored people, consents and pairings a row can touch.
public enum StoreRules {
    /// Full years of age on `day` for someone born on `born`.
    public static func age(born: CalendarDate, on day: CalendarDate) -> Int {
        var a = day.year - born.year
        if (day.month, day.day) < (born.month, born.day) { a -= 1 }
        return a
    }

    /// The signer rule for a consent whose row gave no birth date, using the stored one:
    /// a minor on the signing date cannot sign for themselves (an error, the row is rejected);
    /// an adult signs for self (a warning otherwise, as in the row tier).
    public static func signerFindings(_ consents: [Consent], born: CalendarDate, name: String,
                                      at location: SourceLocation) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for c in consents {
            let a = age(born: born, on: c.signedOn)
            var loc = location
            loc.field = "signerRole"
            if a < 18 && c.signerRole == .`self` {
                out.append(Diagnostic(
                    code: "minor-signer", severity: .error, location: loc, value: c.signedOn.russian,
                    message: Localized(
                        ru: "«\(name)» в хранилище родился(ась) \(born.russian): на день подписания (\(c.signedOn.russian)) ему(ей) \(a) — за несовершеннолетнего подписывает родитель или законный представитель, а не он сам",
                        en: "“\(name)” was born on \(born.russian) (stored): aged \(a) on the signing date \(c.signedOn.russian), a minor's consent is signed by a parent or legal representative, not the minor"),
                    hint: Localized(ru: "получите согласие родителя (законного представителя) или исправьте дату рождения в хранилище",
                                    en: "collect the parent's consent or correct the stored birth date")))
            } else if a >= 18, let role = c.signerRole, role != .`self` {
                out.append(Diagnostic(
                    code: "adult-signs-self", severity: .warning, location: loc, value: role.rawValue,
                    message: Localized(
                        ru: "«\(name)» на день подписания \(a) лет (по дате рождения в хранилище), а согласие подписал не он сам",
                        en: "“\(name)” was \(a) on the signing date (stored birth date), but someone else signed"),
                    hint: Localized(ru: "совершеннолетний подписывает согласие сам, кроме случаев опеки",
                                    en: "an adult signs for self unless under guardianship")))
            }
        }
        return out
    }

    /// True when a pairing is under way on `date`: not ended on or before it.
    public static func isActive(_ p: Pairing, on date: CalendarDate) -> Bool { isActive(endingOn: p.endDate, on: date) }

    /// `isActive` of a pairing whose end date is `end`.
    public static func isActive(endingOn end: CalendarDate?, on date: CalendarDate) -> Bool {
        if let end, end <= date { return false }
        return true
    }

    /// A processing consent of the person valid on `date`, among the working set's.
    public static func hasProcessingConsent(_ consents: [KnownConsent], on date: CalendarDate) -> Bool {
        consents.contains { $0.consent.kind == .processing && $0.consent.isValid(on: date) }
    }

    /// «Nobody is in an active pair without a valid processing consent»: a warning on the row that
    /// puts (or keeps) the person in the pair, so the secretary collects the consent.
    public static func missingConsent(name: String, on date: CalendarDate, revoked: Bool,
                                      at location: SourceLocation) -> Diagnostic {
        missingConsent(name: name, dateText: revoked ? "" : date.russian, revoked: revoked, at: location)
    }

    /// `missingConsent(name:on:revoked:at:)` with the date already in words (`DD.MM.YYYY`), so a
    /// run wording many warnings for one as-of date formats it once.
    static func missingConsent(name: String, dateText: String, revoked: Bool,
                               at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            code: "pair-without-consent", severity: .warning, location: location,
            message: revoked
                ? Localized(ru: "«\(name)» отозвал(а) согласие на обработку данных, но остается в действующей паре наставничества",
                            en: "“\(name)” revoked the processing consent but is still in an active mentoring pair")
                : Localized(ru: "у «\(name)» нет действующего на \(dateText) согласия на обработку персональных данных, а он(а) в действующей паре наставничества",
                            en: "“\(name)” is in an active mentoring pair without a processing consent valid on \(dateText)"),
            hint: revoked ? revokedConsentHint : missingConsentHint)
    }

    // Fixed texts, built once per process rather than for every warning worded.
    private static let revokedConsentHint = Localized(ru: "завершите пару (дата и причина завершения) или получите новое согласие",
                                                      en: "end the pair (end date and reason) or collect a new consent")
    private static let missingConsentHint = Localized(ru: "получите согласие (за несовершеннолетнего — от родителя) и загрузите список согласий",
                                                      en: "collect the consent (a parent's for a minor) and import the consent list")
}

/// A «pair-without-consent» warning decided but not yet worded.
///
/// A bulk load of a base decides one for nearly every row (hundreds of thousands per million
/// rows) and the report keeps only its first few thousand: wording the rest (the name, the date
/// and four messages) was pure waste. ``diagnostic(at:label:)`` gives exactly what
/// `StoreRules.missingConsent` gives when called at once.
public struct PendingConsentWarning: Sendable {
    /// The person as the working set held them when the warning was decided (nil: not loaded,
    /// or the row's own person: see `namesRowSubject`).
    public var person: Person?
    /// The person's id in the store (named by it when the person was not loaded).
    public var personID: Int64
    /// The day the consent had to be valid on (`--as-of`).
    public var date: CalendarDate
    /// Whether the consent was revoked (rather than missing).
    public var revoked: Bool
    /// The warning is about the row's own person, named as the row's plan is labelled
    /// (`RecordPlan.label`, their name as the file spells it): a bulk load decides one such
    /// warning per row, and a copy of the person in each was a retain and a release of every
    /// string of it.
    public var namesRowSubject: Bool

    /// A warning decided now, to be worded later if the report keeps it.
    public init(person: Person?, personID: Int64, date: CalendarDate, revoked: Bool, namesRowSubject: Bool = false) {
        self.person = person
        self.personID = personID
        self.date = date
        self.revoked = revoked
        self.namesRowSubject = namesRowSubject
    }

    /// The warning in words, placed at the row that decided it (`location`, its plan labelled `label`).
    public func diagnostic(at location: SourceLocation, label: String) -> Diagnostic {
        var wording = ConsentWarningWording()
        return wording.diagnostic(self, at: location, label: label)
    }
}

/// Words pending «pair-without-consent» warnings for one run, formatting their as-of date once
/// (every warning of an import has the same one) instead of once per warning.
public struct ConsentWarningWording: Sendable {
    private var date: CalendarDate?
    private var dateText = ""

    /// A wording with no date formatted yet.
    public init() {}

    /// The warning in words, placed at the row that decided it (`location`, its plan labelled `label`).
    public mutating func diagnostic(_ warning: PendingConsentWarning, at location: SourceLocation,
                                    label: String) -> Diagnostic {
        if !warning.revoked && date != warning.date {
            date = warning.date
            dateText = warning.date.russian
        }
        let name = warning.namesRowSubject ? label : warning.person?.displayName ?? "#\(warning.personID)"
        return StoreRules.missingConsent(name: name,
                                         dateText: warning.revoked ? "" : dateText,
                                         revoked: warning.revoked, at: location)
    }
}
