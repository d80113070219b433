/// One input of a batch: a file to check, an entry of a zip drop, or a path that could not
/// even be listed.
public struct Input: Sendable {
    /// Where the bytes of an input come from.
    public enum Source: Sendable {
        case file(path: String)
        /// Entry `index` of an opened zip drop; read (and decompressed) only when checked.
        case archiveEntry(ZipDrop, index: Int)
    }

    /// The path as printed: how the user named it, joined with the path inside a folder
    /// (`drop/0001.xml`) or an archive (`drop.zip!/2011/0001.xml`).
    public var display: String
    public var source: Source
    /// Set when the input cannot be read at all (a missing path, an unreadable folder, a rejected archive).
    public var problem: Diagnostic? {
        get { problemBox?.diagnostic }
        set { problemBox = newValue.map(ProblemBox.init) }
    }

    /// A batch holds an `Input` for every file until it ends; boxing the rare problem keeps
    /// each one to a few words.
    private var problemBox: ProblemBox?

    private final class ProblemBox: Sendable {
        let diagnostic: Diagnostic
        init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
    }

    public init(display: String, source: Source, problem: Diagnostic? = nil) {
        self.display = display
        self.source = source
        self.problemBox = problem.map(ProblemBox.init)
    }

    public init(display: String, path: String, problem: Diagnostic?) {
        self.init(display: display, source: .file(path: path), problem: problem)
    }

    /// The file to read, for inputs that are files.
    public var path: String? {
        if case .file(let path) = source { return path }
        return nil
    }

    /// The input's bytes, never more than `maxSize` of them.
    public func read(maxSize: Int) -> Result<[UInt8], Diagnostic> {
        if let problem { return .failure(problem) }
        switch source {
        case .file(let path): return InputFile.read(path, maxSize: maxSize)
        case .archiveEntry(let drop, let index): return drop.read(entry: index, maxSize: maxSize)
        }
    }
}
