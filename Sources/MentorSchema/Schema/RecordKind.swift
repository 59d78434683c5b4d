/// The kinds of records a file can hold; the raw values are the spellings the command line and JSON use.
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
