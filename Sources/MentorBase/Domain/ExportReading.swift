/// Which side of the pairings a participant is read for.
public enum ParticipantRole: String, Sendable, Hashable, CaseIterable {
    case mentor, mentee
}

/// A mentor or mentee with the pairings they are in and the people on the other side of those
/// pairings, so one row of an official base can be built without a second query.
public struct ParticipantRecord: Sendable {
    public var person: PersonRecord
    /// Pairings the person leads (role `mentor`) or belongs to (role `mentee`), by id.
    public var pairings: [PairingRecord]
    /// The mentors of a mentee's pairings, or the mentees of a mentor's pairings, by id, with
    /// their consents (a public view names a partner only when the partner may be published).
    /// It may hold more people (a store shares one dictionary across a page): look up by the ids
    /// the pairings name.
    public var partners: [Int64: PersonRecord]

    public init(person: PersonRecord, pairings: [PairingRecord], partners: [Int64: PersonRecord]) {
        self.person = person
        self.pairings = pairings
        self.partners = partners
    }
}

/// The reads the export views need beyond ``Store``'s: related records resolved in the same read
/// transaction, page by page, so that a million-row export keeps memory flat.
public protocol ExportReading: AnyObject {
    /// Every person with a profile in `role` or a membership in that role, by id, with their pairings and partners.
    func forEachParticipant(_ role: ParticipantRole, _ body: (ParticipantRecord) throws -> Void) throws
    /// Every pairing with its mentor and mentees (people by id, consents included).
    func forEachPairingWithMembers(_ body: (PairingRecord, [Int64: PersonRecord]) throws -> Void) throws
    /// Every questionnaire response with its respondent, when matched.
    func forEachResponseWithRespondent(latestOnly: Bool, _ body: (ResponseRecord, PersonRecord?) throws -> Void) throws
}
