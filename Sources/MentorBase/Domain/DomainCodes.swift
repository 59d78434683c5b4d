/// The kinds of records a file can hold and an import takes; the raw values are the spellings the
/// command line and JSON use. The schema calls it `RecordKind`, the store `ImportKind`: one type.
public enum RecordKind: String, CaseIterable, Sendable, Codable, Hashable {
    case mentors
    case mentees
    case consents
    case pairs
    case mentorQuestionnaire = "mentor-questionnaire"
    case menteeQuestionnaire = "mentee-questionnaire"
    case monitoringQuestionnaire = "monitoring-questionnaire"

    /// True for the questionnaire kinds (answers keyed by «Отметка времени»).
    public var isQuestionnaire: Bool {
        self == .mentorQuestionnaire || self == .menteeQuestionnaire || self == .monitoringQuestionnaire
    }
}

/// The store's name for `RecordKind` (what a batch imported).
public typealias ImportKind = RecordKind

/// Who a person is to the school: `student` обучающийся, `staff` педагог/сотрудник, `external` anyone else.
public enum PersonKind: String, Sendable, Codable, Hashable, CaseIterable {
    case student, staff, external
}

/// «Категория наставника».
public enum MentorCategory: String, Sendable, Codable, Hashable, CaseIterable {
    case student, teacher, parent, alumnus
    case employerStaff = "employer_staff"
    case other
}

/// Where a participant stands in the program.
public enum ProfileStatus: String, Sendable, Codable, Hashable, CaseIterable {
    case candidate, approved, active, archived
}

/// `processing` is the art. 9 consent, `publication` the separate art. 10.1 one.
public enum ConsentKind: String, Sendable, Codable, Hashable, CaseIterable {
    case processing, publication
}

/// Who signed a consent for its subject.
public enum SignerRole: String, Sendable, Codable, Hashable, CaseIterable {
    case `self`
    case parent, guardian
    case otherRepresentative = "other_representative"
}

/// Why a pairing ended.
public enum PairingEndReason: String, Sendable, Codable, Hashable, CaseIterable {
    case planCompleted = "plan_completed"
    case participantInitiative = "participant_initiative"
    case curatorInitiative = "curator_initiative"
    case other
}

/// The side a questionnaire respondent is on.
public enum QuestionnaireRole: String, Sendable, Codable, Hashable, CaseIterable {
    case mentor, mentee
}

/// When in the program a questionnaire was answered.
public enum QuestionnaireStage: String, Sendable, Codable, Hashable, CaseIterable {
    case intake, preference
    case monitoring1 = "monitoring_1"
    case monitoring2 = "monitoring_2"
}
