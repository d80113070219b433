import CLibXML2

/// Gathers libxml2's structured errors for one parse or validation.
/// Passed to C callbacks as an unretained pointer; lives on the caller's stack frame.
final class ErrorCollector {
    var diagnostics: [Diagnostic] = []
    var sawDoctype = false
    /// Errors past this many add nothing a person can use.
    let limit = 20

    func add(_ error: UnsafePointer<xmlError>?) {
        guard let e = error?.pointee, diagnostics.count < limit else { return }
        var message = e.message.map { String(cString: $0) } ?? "unknown XML error"
        while message.last?.isWhitespace == true { message.removeLast() }
        let line = e.line > 0 ? Int(e.line) : nil
        let column = e.int2 > 0 ? Int(e.int2) : nil
        diagnostics.append(Diagnostic(message, line: line, column: column))
    }

    var opaque: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    static func from(_ pointer: UnsafeMutableRawPointer?) -> ErrorCollector? {
        pointer.map { Unmanaged<ErrorCollector>.fromOpaque($0).takeUnretainedValue() }
    }
}
