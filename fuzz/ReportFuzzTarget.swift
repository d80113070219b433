// libFuzzer target: report bytes -> ReportLoader -> Checker -> JSON and text reporters.
//
// Compiled into the TCEKit module (fuzz/build.sh). An invalid report without a reason stops
// the fuzzer like a crash.
import Foundation

private let fuzzRules: RuleSet = {
    let path = ProcessInfo.processInfo.environment["TCE_RULES"] ?? "rules"
    do { return try RuleSet.load(from: path) } catch { fatalError("fuzz: cannot load the rule set at \(path): \(error)") }
}()
private let fuzzChecker = Checker(ruleSet: fuzzRules, language: .zh, maxSize: 1 << 20)
private let fuzzJSON = JSONReporter(context: OutputContext(ruleSet: fuzzRules, messages: fuzzChecker.messages))
private let fuzzText = TextReporter(context: OutputContext(ruleSet: fuzzRules, messages: fuzzChecker.messages))

@_cdecl("LLVMFuzzerTestOneInput")
public func reportFuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let loader = fuzzChecker.loader
    checkBothPathsAgree(bytes, loader: loader)
    let pending = fuzzChecker.check(loader.load(bytes: bytes, name: "fuzz.xml"), file: "fuzz.xml")
    let result = fuzzChecker.finish(pending, duplicateOf: size % 2 == 0 ? nil : "earlier.xml")
    if result.status == .invalid && result.errors.isEmpty { fatalError("an invalid report without a reason") }
    _ = fuzzJSON.renderUTF8(result)
    _ = fuzzText.render(result)
    var summary = BatchSummary()
    summary.add(result)
    _ = fuzzJSON.footer(summary)
    return 0
}

/// The streaming path (valid reports) and the whole-tree path (which explains invalid ones) must
/// accept the same inputs and build the same tree: a disagreement stops the fuzzer like a crash.
private func checkBothPathsAgree(_ bytes: [UInt8], loader: ReportLoader) {
    bytes.withUnsafeBytes { raw in
        guard HardenedXML.preflight(raw) == nil else { return }
        let fast = loader.schema.validTree(raw)
        let slow = Result { () throws(DiagnosticList) in
            try loader.explain(raw, name: "fuzz.xml", source: ReportSource(bytes: raw))
        }
        switch (fast, slow) {
        case (let fast?, .success(let slow)):
            if fast.root?.outline != slow.root?.outline { fatalError("the two paths built different trees") }
        case (_?, .failure(let reasons)):
            fatalError("the streaming path accepted what the tree path refuses: \(reasons.items.first?.message ?? "")")
        case (nil, .success):
            fatalError("the streaming path refused what the tree path accepts")
        case (nil, .failure):
            break
        }
    }
}
