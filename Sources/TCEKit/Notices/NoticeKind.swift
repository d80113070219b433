/// The two notices the bureau sends.
public enum NoticeKind: String, Sendable, CaseIterable, Hashable {
    /// 整改通知书: to every enterprise-year with a failed finding.
    case rectification
    /// 关于签订《节能降耗目标责任书》的通知: to every enterprise-year at or above the first letter tier.
    case letter

    /// Added to the file name after `<CreditCode>-<year>`.
    public var fileSuffix: String {
        switch self {
        case .rectification: ""
        case .letter: "-letter"
        }
    }
}

/// The files written for each notice.
public enum NoticeFormat: String, Sendable, CaseIterable, Hashable {
    case html, docx
}
