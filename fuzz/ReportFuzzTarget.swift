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
