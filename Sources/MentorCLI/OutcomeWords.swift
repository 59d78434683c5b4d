import MentorBase

/// The words for a plan's outcomes, shared by the command line and the web page.
extension RecordPlan.Outcome {
    /// Before a count: «новых: 5», «отклонено: 2».
    func countLabel(_ lang: Language) -> String {
        let ru = lang == .ru
        switch self {
        case .new: return ru ? "новых" : "new"
        case .updated: return ru ? "обновлено" : "updated"
        case .unchanged: return ru ? "без изменений" : "unchanged"
        case .conflicting: return ru ? "конфликтов" : "conflicts"
        case .rejected: return ru ? "отклонено" : "rejected"
        }
    }

    /// After one row: «строка 3 «Миронова Полина Сергеевна»: новая запись».
    func rowLabel(_ lang: Language) -> String {
        let ru = lang == .ru
        switch self {
        case .new: return ru ? "новая запись" : "new"
        case .updated: return ru ? "обновлена" : "updated"
        case .unchanged: return ru ? "без изменений" : "unchanged"
        case .conflicting: return ru ? "расхождение с хранилищем" : "conflicts with the store"
        case .rejected: return ru ? "отклонена" : "rejected"
        }
    }
}
