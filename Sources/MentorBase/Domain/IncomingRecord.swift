/// One source row turned into canonical domain records: what the merge planner consumes.
///
/// A row of the official bases mixes several records (a mentor row names its mentees and the
/// form of the pairing), so one incoming record may carry a person, a profile and a pairing.
/// Rows with error diagnostics are `rejected` by the planner and never touch the store.
public struct IncomingRecord: Hashable, Sendable {
    /// File, sheet and row (as a person sees it) of the source row.
    public var location: SourceLocation
    public var content: Content
    /// Findings of validation for this row; any error rejects it.
    public var diagnostics: [Diagnostic]

    /// What the row says.
    public enum Content: Hashable, Sendable {
        /// A row of the mentor base: the person, the profile, and the mentees it names (with the pairing's fields).
        case mentor(Person, MentorProfile, pairing: Pairing?, mentees: [PersonReference])
        /// A row of the mentee base: the person, the profile, and the mentor it names (with the pairing's fields).
        case mentee(Person, MenteeProfile, pairing: Pairing?, mentor: PersonReference?)
        /// A row of a consent list: the subject and the consents that row grants (or revokes).
        /// `revokesAll` is a revocation date given without saying which consent: it revokes every
        /// consent of the subject signed on or before it.
        case consent(Person, [Consent], revokesAllOn: CalendarDate?)
        /// A row of a pairs list: the pairing, its mentor and mentees.
        case pairing(Pairing, mentor: PersonReference, mentees: [PersonReference])
        /// A questionnaire submission and the person who answered (as far as the form says).
        case questionnaire(Person, QuestionnaireResponse)
    }

    public init(location: SourceLocation, content: Content, diagnostics: [Diagnostic] = []) {
        self.location = location
        self.content = content
        self.diagnostics = diagnostics
    }

    /// True when any diagnostic is an error: the record must not be stored.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The person the row is about, when it is about one.
    public var subject: Person? {
        switch content {
        case .mentor(let p, _, _, _), .mentee(let p, _, _, _), .consent(let p, _, _), .questionnaire(let p, _): return p
        case .pairing: return nil
        }
    }
}
