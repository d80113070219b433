import CLibXML2

/// Turns a numbered notice into the bytes of each requested format.
public struct NoticeRenderer: Sendable {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    public let config: NoticeConfig
    public let ruleSet: RuleSet
    /// `word/styles.xml` is the same for every notice: rendered and checked once.
    let styles: String

    public init(config: NoticeConfig, ruleSet: RuleSet) throws(Failure) {
        self.config = config
        self.ruleSet = ruleSet
        let styles = config.templates.render("styles.docx", [:])
        if let problem = Self.wellFormedProblem(styles, name: "styles.docx") { throw Failure(reason: problem) }
        self.styles = styles
    }

    public func render(_ notice: Notice, as format: NoticeFormat) throws(Failure) -> [UInt8] {
        let values = NoticeContext.notice(notice, config: config, ruleSet: ruleSet)
        let name = "\(notice.kind.rawValue).\(format.rawValue)"
        let text = config.templates.render(name, values)
        switch format {
        case .html:
            return Array(text.utf8)
        case .docx:
            if let problem = Self.wellFormedProblem(text, name: name) { throw Failure(reason: problem) }
            let package = DocxPackage(document: text, styles: styles, title: values["title"] as? String ?? name,
                                      creator: config.authority, created: notice.issueDate)
            do {
                return try package.bytes()
            } catch {
                throw Failure(reason: "cannot assemble the DOCX package: \(error)")
            }
        }
    }

    public func renderIndex(_ index: NoticeIndex) -> [UInt8] {
        Array(config.templates.render("index.html", NoticeContext.index(index, config: config, ruleSet: ruleSet)).utf8)
    }

    /// nil when `xml` is well-formed; else what is wrong, naming the template that produced it.
    static func wellFormedProblem(_ xml: String, name: String) -> String? {
        let bytes = Array(xml.utf8)
        let result = bytes.withUnsafeBytes { HardenedXML.parse($0, url: name) }
        switch result {
        case .success(let doc):
            xmlFreeDoc(doc)
            return nil
        case .failure(let list):
            let first = list.items.first
            let at = first.map { d in (d.line.map { ":\($0)" } ?? "") + (d.column.map { ":\($0)" } ?? "") } ?? ""
            return "template \(name).\(NoticeTemplates.fileExtension) gave XML that is not well-formed (output\(at)): \(first?.message ?? "unknown error")"
        }
    }
}
