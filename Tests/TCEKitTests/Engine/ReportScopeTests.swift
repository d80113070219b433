import Testing
@testable import TCEKit

/// What rules read from a report's scope: bindings of `it` and extra names, and fields found
/// through the hints preparation gives them.
@Suite struct ReportScopeTests {
    static func scope(_ xml: String = Fixtures.report(items: """
        <Item type="raw-coal" unit="t">2100</Item><Item type="electricity" unit="kWh" coefficient="0.1229">5000</Item>
        """)) throws -> ReportScope {
        let report = try Fixtures.checker.loader.load(bytes: Array(xml.utf8), name: "t.xml").get()
        let facts = try Fixtures.checker.calculator.facts(for: report)
        return ReportScope(report: report, facts: facts, file: "t.xml", constants: Fixtures.checker.constants)
    }

    @Test func bindingKeepsAnEarlierItAndLetsLaterNamesWin() throws {
        let base = try Self.scope()
        #expect(base.value(of: "it") == nil)
        #expect(base.value(of: "failures") == nil)

        let bound = base.binding(it: .string("first"))
        #expect(bound.value(of: "it") == .string("first"))
        // Binding only extra names keeps `it`; the newest value of a name wins.
        let more = bound.binding(it: nil, extra: ["failures": .number(Exact(integer: 2))])
        let again = more.binding(it: nil, extra: ["failures": .number(Exact(integer: 3))])
        #expect(again.value(of: "it") == .string("first"))
        #expect(again.value(of: "failures") == .number(Exact(integer: 3)))
        #expect(more.value(of: "failures") == .number(Exact(integer: 2)))
        // The scope bound from is unchanged, and report names still resolve through a binding.
        #expect(base.value(of: "it") == nil)
        #expect(again.value(of: "totalTce") == base.value(of: "totalTce"))
        #expect(again.binding(it: .bool(true)).value(of: "it") == .bool(true))
    }

    /// Every name a hint is given for stands at that position in some record the scope builds,
    /// and the hint's string is the one those records hold.
    /// A report with every section filled in.
    static let everySection = Fixtures.report(
        commissioned: "2010",
        water: #"<Water><Withdrawal unit="m3">5</Withdrawal></Water>"#,
        previous: """
            <PreviousYear year="2010"><EnergyTotal unit="tce">10</EnergyTotal>\
            <IndustrialValueAdded unit="10k-CNY">100</IndustrialValueAdded></PreviousYear>
            """,
        management: """
            <Management><ResponsibilityLetter signed="true" date="2012-02-20"/><Benchmarking status="completed"/>\
            <EnergyAudit completed="true"/><EnergyManagementOrganization established="true"/>\
            <EnergyManagementSystem established="false"/><EnergyQuota unit="tce">5000</EnergyQuota></Management>
            """,
        equipment: #"<Equipment><Unit kind="earth-kiln" count="1" status="operating"/></Equipment>"#,
        projects: #"<Projects><Project id="P-1" name="A" status="operating" energyReview="approved"/></Projects>"#)

    @Test func fieldHintsPointAtTheFieldInTheScopesRecords() throws {
        let scope = try Self.scope(Self.everySection)
        var records: [Record] = []
        func collect(_ value: Value?) {
            switch value {
            case .record(let r)?:
                records.append(r)
                for name in r.sortedNames { collect(r[name]) }
            case .list(let items)?: items.forEach { collect($0) }
            default: break
            }
        }
        for slot in ReportSlot.allCases { collect(scope.value(of: slot.name)) }
        var checked = 0
        for record in records {
            for name in record.sortedNames {
                let hint = try #require(ReportScope.fieldHint(for: name), "no hint for \(name)")
                #expect(hint.name == name)
                // Read with its hint, a field gives what the plain lookup gives, wherever the hint points.
                #expect(record.value(named: name, hint: hint.index) == record[name])
                #expect(record.value(named: name, hint: hint.index, orMissing: "p") == record[name])
                checked += 1
            }
        }
        #expect(checked > 40)
    }

    @Test func aHintThatMissesFallsBackToTheName() {
        let record = Record(ordered: ["a": .string("x"), "b": .number(Exact(integer: 1))], line: 3)
        for hint in [-1, 0, 1, 2, 99] {
            #expect(record.value(named: "b", hint: hint) == .number(Exact(integer: 1)))
            #expect(record.value(named: "c", hint: hint) == nil)
            #expect(record.value(named: "c", hint: hint, orMissing: "r.c") == .missing(path: "r.c"))
        }
    }

    /// Prepared rules read report fields through hints; their findings are those of the same
    /// rules run unprepared on the same report.
    @Test func preparedRulesReadTheSameFieldsAsUnpreparedOnes() throws {
        let scope = try Self.scope()
        for rule in Fixtures.ruleSet.rules {
            for source in [rule.passes.source] + rule.evidence.map(\.expression.source) {
                let plain = try Expression(source)
                let prepared = plain.prepared(slot: { ReportScope.slot(for: $0, constants: Fixtures.checker.constants) },
                                              field: ReportScope.fieldHint(for:),
                                              constants: ConstantScope(constants: Fixtures.ruleSet.constants))
                let a = Result { () throws(EvaluationError) in try plain.evaluate(in: scope.binding(it: nil)) }
                let b = Result { () throws(EvaluationError) in try prepared.evaluate(in: scope) }
                switch (a, b) {
                case (.success(let x), .success(let y)):
                    #expect(x.value == y.value && x.line == y.line, "\(rule.id): \(source)")
                case (.failure, .failure): break
                default: Issue.record("\(rule.id): \(source) differs: \(a) / \(b)")
                }
            }
        }
    }

    /// Every expression of a checker's rules reads report names by slot, `at` included: a name
    /// left as a name is looked up by its text for every report.
    @Test func preparedRulesReadNoReportNameByItsText() {
        func names(_ node: SyntaxNode) -> [String] {
            switch node.kind {
            case .name(let name): [name]
            case .literal, .slot, .element: []
            case .list(let nodes), .and(let nodes), .or(let nodes), .call(_, let nodes): nodes.flatMap(names)
            case .field(let base, _, _, _), .negate(let base), .not(let base): names(base)
            case .arithmetic(let first, let chain): names(first) + chain.flatMap { names($0.operand) }
            case .comparison(_, let left, let right): names(left) + names(right)
            }
        }
        for prepared in Fixtures.checker.rules {
            let rule = prepared.rule
            let expressions = [rule.at, rule.applies, rule.each, rule.filter, rule.passes, rule.measured, rule.threshold]
                + rule.evidence.map(\.expression)
            for case let expression? in expressions {
                let left = names(expression.root).filter { !RuleSetLoader.elementNames.contains($0) }
                #expect(left.isEmpty, "\(rule.id): \(expression.source) reads \(left) by name")
            }
        }
    }

    /// Energy items, equipment units and projects are records that read their fields from the
    /// report when asked: each field is the one the item, unit or project and its facts give.
    @Test func elementRecordsReadTheirReportElements() throws {
        let report = try Fixtures.checker.loader.load(bytes: Array(Fixtures.report(items: """
            <Item type="raw-coal" unit="t">2100</Item><Item type="electricity" unit="kWh" coefficient="0.1229" use="exported">5000</Item>
            """, equipment: #"<Equipment><Unit kind="earth-kiln" count="3" status="operating"/></Equipment>"#,
            projects: #"<Projects><Project id="P1" name="新窑" status="operating" energyReview="approved"/></Projects>"#
            ).utf8), name: "t.xml").get()
        let facts = try Fixtures.checker.calculator.facts(for: report)
        let scope = ReportScope(report: report, facts: facts, file: "t.xml", constants: Fixtures.checker.constants)
        guard case .record(let energy)? = scope.value(of: "energy"), case .list(let items)? = energy["items"],
              case .record(let coal) = items[0], case .record(let power) = items[1] else {
            Issue.record("no energy items")
            return
        }
        #expect(items.count == 2)
        #expect(coal.line == report.items[0].line && power.line == report.items[1].line)
        #expect(coal["type"] == .string("raw-coal") && coal["unit"] == .string("t"))
        #expect(coal["quantity"] == .number(report.items[0].quantity) && coal["baseQuantity"] == .number(report.items[0].baseQuantity))
        #expect(coal["baseUnit"] == .string(report.items[0].baseUnit))
        #expect(coal["use"] == .string("consumed") && coal["exported"] == .bool(false))
        #expect(coal["declaredCoefficient"] == .missing(path: "coefficient"))
        #expect(coal["referenceCoefficient"] == facts.items[0].reference.map(Value.number))
        #expect(coal["coefficientMin"] == facts.items[0].minimum.map(Value.number))
        #expect(coal["coefficientMax"] == facts.items[0].maximum.map(Value.number))
        #expect(coal["coefficient"] == .number(facts.items[0].coefficient) && coal["tce"] == .number(facts.items[0].tce))
        #expect(coal["coefficientInRange"] == .missing(path: "coefficient"))
        #expect(power["use"] == .string("exported") && power["exported"] == .bool(true))
        #expect(power["declaredCoefficient"] == .number(try Exact(decimal: "0.1229")))
        #expect(power["coefficientInRange"] == facts.items[1].coefficientInRange.map(Value.bool))
        #expect(coal["nothing"] == nil)
        #expect(Set(coal.fields.keys) == ["type", "unit", "quantity", "baseQuantity", "baseUnit", "use", "exported",
                                          "declaredCoefficient", "referenceCoefficient", "coefficientMin",
                                          "coefficientMax", "coefficient", "coefficientInRange", "tce"])

        guard case .record(let equipment)? = scope.value(of: "equipment"), case .list(let units)? = equipment["units"],
              case .record(let kiln)? = units.first else {
            Issue.record("no equipment units")
            return
        }
        #expect(kiln.fields == ["kind": .string("earth-kiln"), "count": .number(Exact(integer: 3)), "status": .string("operating")])
        guard case .list(let projects)? = scope.value(of: "projects"), case .record(let project)? = projects.first else {
            Issue.record("no projects")
            return
        }
        #expect(project.fields == ["id": .string("P1"), "name": .string("新窑"), "status": .string("operating"),
                                   "energyReview": .string("approved")])
        #expect(project.line == report.projects?.first?.line)
    }

    /// A record reading its element's fields is equal to one holding the same values, and
    /// setting a field holds its values from then on.
    @Test func anElementRecordBehavesAsAHeldOne() {
        final class Squares: RecordFields, @unchecked Sendable {
            override func value(_ field: Int, of element: Int) -> Value { .number(Exact(integer: (field + 1) * element)) }
        }
        var read = Record(names: ["a", "b"], fields: Squares(), element: 3, line: 7)
        let held = Record(names: ["a", "b"], values: [.number(Exact(integer: 3)), .number(Exact(integer: 6))], line: 7)
        #expect(read == held)
        #expect(read.value(named: "b", hint: 1) == .number(Exact(integer: 6)))
        #expect(read.value(named: "c", hint: 0, orMissing: "r.c") == .missing(path: "r.c"))
        read["c"] = .string("new")
        read["a"] = nil
        #expect(read.fields == ["b": .number(Exact(integer: 6)), "c": .string("new")])
        #expect(read.sortedNames == ["b", "c"])
    }

    /// The report's single elements (enterprise, economics, water, previous year, management and
    /// its parts) are records reading their fields from the report: each field is the report's,
    /// and what the report lacks is missing under its path.
    @Test func singleElementRecordsReadTheReport() throws {
        let full = try Self.scope(Self.everySection)
        func read(_ path: String, in scope: ReportScope) throws -> Value {
            try Expression(path).evaluate(in: scope, stepLimit: Expression.defaultStepLimit).value
        }
        let expected: [(String, Value)] = [
            ("enterprise.name", .string("瓜州县测试有限公司")), ("enterprise.creditCode", .string(Fixtures.creditCode())),
            ("enterprise.industryCode", .missing(path: "enterprise.industryCode")),
            ("enterprise.industry", .missing(path: "enterprise.industry")),
            ("enterprise.commissionedYear", .number(Exact(integer: 2010))),
            ("economics.industrialValueAdded", .number(Exact(integer: 13500))),
            ("water.withdrawal", .number(Exact(integer: 5))),
            ("previousYear.year", .number(Exact(integer: 2010))), ("previousYear.energyTotal", .number(Exact(integer: 10))),
            ("previousYear.industrialValueAdded", .number(Exact(integer: 100))),
            ("management.responsibilityLetter.signed", .bool(true)),
            ("management.responsibilityLetter.date", .string("2012-02-20")),
            ("management.benchmarking.status", .string("completed")), ("management.energyAudit.completed", .bool(true)),
            ("management.energyManagementOrganization.established", .bool(true)),
            ("management.energyManagementSystem.established", .bool(false)),
            ("management.energyQuota", .number(Exact(integer: 5000))),
        ]
        for (path, value) in expected { #expect(try read(path, in: full) == value, "\(path)") }
        guard case .record(let management)? = full.value(of: "management") else {
            Issue.record("no management record")
            return
        }
        #expect(management.sortedNames == ["benchmarking", "energyAudit", "energyManagementOrganization",
                                           "energyManagementSystem", "energyQuota", "responsibilityLetter"])
        #expect(management["energyAudit"] == .record(Record(["completed": .bool(true)], line: management["energyAudit"].flatMap(\.line))))

        let bare = try Self.scope(Fixtures.report(management: #"<Management><ResponsibilityLetter signed="false"/></Management>"#))
        let missing: [(String, String)] = [
            ("water", "water"), ("water.withdrawal", "water"), ("previousYear.year", "previousYear"),
            ("management.responsibilityLetter.date", "management.responsibilityLetter.date"),
            ("management.benchmarking.status", "management.benchmarking"), ("management.energyAudit", "management.energyAudit"),
            ("management.energyManagementOrganization", "management.energyManagementOrganization"),
            ("management.energyManagementSystem.established", "management.energyManagementSystem"),
            ("management.energyQuota", "management.energyQuota"),
            ("enterprise.commissionedYear", "enterprise.commissionedYear"),
        ]
        for (path, missingPath) in missing { #expect(try read(path, in: bare) == .missing(path: missingPath), "\(path)") }
        #expect(try read("management.responsibilityLetter.signed", in: bare) == .bool(false))
        let none = try Self.scope()
        #expect(try read("management.energyAudit.completed", in: none) == .missing(path: "management"))
    }
}
