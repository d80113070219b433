/// A value seen by a rule expression: a fact, a report field, a constant or a literal.
public enum Value: Sendable, Equatable {
    case number(Exact)
    case string(String)
    case bool(Bool)
    case list([Value])
    case record(Record)
    /// Not reported. `path` names what is missing, so a finding can say "not reported: …".
    case missing(path: String)

    public var typeName: String {
        switch self {
        case .number: "number"
        case .string: "text"
        case .bool: "true/false"
        case .list: "list"
        case .record: "element"
        case .missing: "missing value"
        }
    }
}

/// A report element (or an energy type, a fact group…) seen as named fields.
/// `line` is where it stands in the report, so findings can point at it.
///
/// Fields are kept as a short list of name-value pairs: a report builds dozens of records
/// with a handful of fields each, and a linear search over a few names costs less than
/// hashing them into a dictionary. The records of a list of report elements (energy items,
/// equipment units) need not hold their values at all: they read them from the element when
/// asked (`RecordFields`), so a report's lists cost no array of values per element to build
/// and to free.
public struct Record: Sendable, Equatable {
    private var names: [String]
    private var storage: Storage
    public var line: Int?

    private enum Storage: Sendable {
        case values([Value])
        /// Element `index` of what `fields` reads, its values made when read.
        case element(RecordFields, Int)
    }

    public init(_ fields: [String: Value] = [:], line: Int? = nil) {
        names = Array(fields.keys)
        storage = .values(names.map { fields[$0]! })
        self.line = line
    }

    /// Fields in the given order; a name must not repeat.
    public init(ordered fields: KeyValuePairs<String, Value>, line: Int? = nil) {
        names = fields.map(\.key)
        storage = .values(fields.map(\.value))
        self.line = line
    }

    /// Fields named by `names` (often one array shared by every record of a kind), in order.
    init(names: [String], values: [Value], line: Int?) {
        self.names = names
        storage = .values(values)
        self.line = line
    }

    /// Element `element` of what `fields` reads, its fields named by `names` in the order
    /// `RecordFields.value(_:of:)` numbers them.
    init(names: [String], fields: RecordFields, element: Int, line: Int?) {
        self.names = names
        storage = .element(fields, element)
        self.line = line
    }

    /// The value of field `i`.
    @inline(__always)
    private func value(at i: Int) -> Value {
        switch storage {
        case .values(let values): values[i]
        case .element(let fields, let element): fields.value(i, of: element)
        }
    }

    private var values: [Value] {
        get {
            switch storage {
            case .values(let values): values
            case .element(let fields, let element): names.indices.map { fields.value($0, of: element) }
            }
        }
        set { storage = .values(newValue) }
    }

    /// The fields as a dictionary (order is not meaningful).
    public var fields: [String: Value] {
        get { Dictionary(uniqueKeysWithValues: zip(names, values)) }
        set {
            names = Array(newValue.keys)
            values = names.map { newValue[$0]! }
        }
    }

    /// Field names, sorted, for deterministic output.
    public var sortedNames: [String] { names.sorted() }

    public subscript(name: String) -> Value? {
        get {
            guard let i = index(of: name) else { return nil }
            return value(at: i)
        }
        set {
            var values = self.values
            if let i = names.firstIndex(of: name) {
                if let newValue { values[i] = newValue } else { names.remove(at: i); values.remove(at: i) }
            } else if let newValue {
                names.append(name)
                values.append(newValue)
            }
            self.values = values
        }
    }

    /// The field `name`, looked for first at `hint` (where it stands in records of its kind,
    /// which share one names array): a prepared rule reads a field without searching.
    func value(named name: String, hint: Int) -> Value? {
        guard let i = index(of: name, hint: hint) else { return nil }
        return value(at: i)
    }

    /// As `value(named:hint:)`, with a missing field as `.missing(path)`. Not going through a
    /// `Value?`: Swift copies and destroys an optional of `Value` through the runtime's generic
    /// witnesses, at several times the cost.
    func value(named name: String, hint: Int, orMissing path: String) -> Value {
        guard let i = index(of: name, hint: hint) else { return .missing(path: path) }
        return value(at: i)
    }

    /// Where the field `name` stands: at `hint` if it is there, else found by comparing names
    /// (lengths first, which skips most names without comparing text).
    @inline(__always)
    private func index(of name: String, hint: Int = -1) -> Int? {
        if hint >= 0, hint < names.count, names[hint] == name { return hint }
        let length = name.utf8.count
        for i in names.indices where names[i].utf8.count == length && names[i] == name { return i }
        return nil
    }

    public static func == (a: Record, b: Record) -> Bool {
        a.line == b.line && a.names.count == b.names.count && a.fields == b.fields
    }
}

/// Reads the fields of a list of report elements as records (`Record.init(names:fields:element:line:)`):
/// a subclass numbers the fields as the records' names are ordered and makes each value when read.
class RecordFields: @unchecked Sendable {
    /// Field `field` of element `element`.
    func value(_ field: Int, of element: Int) -> Value {
        preconditionFailure("\(Self.self) must say how its elements' fields are read")
    }
}
