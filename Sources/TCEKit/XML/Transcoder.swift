#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Converts reports in the Chinese legacy encodings to UTF-8 for the fast reader, with the
/// same iconv conversion libxml2 uses for them. Converters are pooled: opening one costs more
/// than converting a report.
final class Transcoder: @unchecked Sendable {
    static let shared = Transcoder()

    /// Encodings the fast reader takes besides UTF-8 (SPEC §2); others go to libxml2.
    static let legacy = ["GB18030", "GBK", "GB2312"]

    private var pool: [String: [iconv_t]] = [:]
    private let lock = NSLock()

    /// The legacy encoding the XML declaration at the start of `bytes` names, if any.
    static func declaredLegacyEncoding(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let declaration = XMLDeclaration(UnsafeRawBufferPointer(bytes))
        guard declaration.mark == .none, let name = declaration.encoding?.name.uppercased() else { return nil }
        return legacy.contains(name) ? name : nil
    }

    /// `bytes` in `encoding` as UTF-8, or nil when iconv finds an invalid or incomplete sequence.
    func utf8(_ bytes: UnsafeBufferPointer<UInt8>, from encoding: String) -> [UInt8]? {
        guard let cd = checkout(encoding) else { return nil }
        defer { checkin(cd, encoding) }
        _ = iconv(cd, nil, nil, nil, nil)  // reset shift state
        var out = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        let produced: Int? = out.withUnsafeMutableBufferPointer { o in
            var inPtr = UnsafeMutablePointer(mutating: bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) })
            var inLeft = bytes.count
            var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(o.baseAddress!).assumingMemoryBound(to: CChar.self)
            var outLeft = o.count
            let rc = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
            guard rc != -1, inLeft == 0 else { return nil }
            return o.count - outLeft
        }
        guard let produced else { return nil }
        out.removeLast(out.count - produced)
        return out
    }

    private func checkout(_ encoding: String) -> iconv_t? {
        lock.lock()
        let cd = pool[encoding]?.popLast()
        lock.unlock()
        if let cd { return cd }
        let opened = iconv_open("UTF-8", encoding)
        return opened == iconv_t(bitPattern: -1) ? nil : opened
    }

    private func checkin(_ cd: iconv_t, _ encoding: String) {
        lock.lock()
        pool[encoding, default: []].append(cd)
        lock.unlock()
    }
}
