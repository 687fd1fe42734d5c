import TimeSeries
import Yams

/// Decodes a composed YAML document into raw rule groups with the semantics (and error messages) of the yaml.v3
/// decoder Prometheus's `rulefmt.Parse` uses.
///
/// rulefmt decodes each file twice: once into `RuleGroups` (the values; unknown fields are errors unless
/// `--ignore-unknown-fields`) and once into `ruleGroups` (a copy holding YAML nodes for positions). Both decodes
/// report their own errors, so a wrong type or a bad duration is reported twice, as promtool prints it. Each pass
/// collects type errors (`line N: cannot unmarshal ...`, `line N: field x not found in type ...`) and goes on; an
/// invalid duration or a bad merge stops the pass with just that error.
final class GoYAMLDecoder {
    /// Which of rulefmt's two decodes this is.
    enum Pass {
        /// Into `RuleGroups`: the values.
        case values
        /// Into `ruleGroups`: the YAML nodes (`record`, `alert`, `expr` accept any node).
        case positions
    }

    /// An error that stops a pass (Go's `fail`), e.g. `not a valid duration string: "5x"`.
    struct Failure: Error {
        let message: String
    }

    /// yaml.v3's `mergedFields`: the keys already set while merges (`<<`) are applied; shared by reference.
    private final class MergedKeys {
        var keys: Set<String>

        init(_ keys: Set<String>) {
            self.keys = keys
        }
    }

    private let pass: Pass
    private let knownFields: Bool
    private var typeErrors: [String] = []
    private var mergedKeys: MergedKeys?

    private static let rootFields: Set<String> = ["groups"]
    private static let groupFields: Set<String> = ["name", "interval", "query_offset", "limit", "rules", "labels"]
    private static let ruleFields: Set<String> = [
        "record", "alert", "expr", "for", "keep_firing_for", "labels", "annotations",
    ]

    private init(pass: Pass, knownFields: Bool) {
        self.pass = pass
        self.knownFields = knownFields
    }

    /// Runs one pass over `root` (nil for an empty stream); returns the groups and the pass's error message, if any.
    static func run(_ pass: Pass, root: Node?, knownFields: Bool) -> (groups: [RawRuleGroup], error: String?) {
        let decoder = GoYAMLDecoder(pass: pass, knownFields: knownFields)
        do throws(Failure) {
            let groups = try decoder.decodeFile(root)
            guard !decoder.typeErrors.isEmpty else { return (groups, nil) }
            return (groups, unmarshalErrors(decoder.typeErrors))
        } catch {
            return ([], error.message)
        }
    }

    /// yaml.v3's `TypeError` text.
    static func unmarshalErrors(_ lines: [String]) -> String {
        "yaml: unmarshal errors:\n  " + lines.joined(separator: "\n  ")
    }

    // MARK: - Types of rulefmt

    private var rootType: String { pass == .values ? "rulefmt.RuleGroups" : "rulefmt.ruleGroups" }
    private var groupType: String { pass == .values ? "rulefmt.RuleGroup" : "rulefmt.RuleGroupNode" }
    private var ruleType: String { pass == .values ? "rulefmt.Rule" : "rulefmt.RuleNode" }

    private func decodeFile(_ root: Node?) throws(Failure) -> [RawRuleGroup] {
        guard let root else { return [] }
        var groups: [RawRuleGroup] = []
        _ = try decodeStruct(root, type: rootType, fields: Self.rootFields) { (_, value) throws(Failure) in
            groups = try self.decodeSequence(value, type: "[]" + self.groupType) { (element) throws(Failure) in
                try self.decodeGroup(element)
            }
        }
        return groups
    }

    private func decodeGroup(_ node: Node) throws(Failure) -> RawRuleGroup? {
        var group = RawRuleGroup()
        group.location = Self.location(of: node)
        let good = try decodeStruct(node, type: groupType, fields: Self.groupFields) { (key, value) throws(Failure) in
            switch key {
            case "name": self.decodeString(value) { group.name = $0 }
            case "interval": try self.decodeDuration(value) { group.interval = $0 }
            case "query_offset": try self.decodeDuration(value) { group.queryOffset = $0 }
            case "limit": self.decodeInt(value) { group.limit = $0 }
            case "labels": group.labels = try self.decodeStringMap(value)
            default:
                group.rules = try self.decodeSequence(value, type: "[]" + self.ruleType) { (element) throws(Failure) in
                    try self.decodeRule(element)
                }
            }
        }
        return good ? group : nil
    }

    private func decodeRule(_ node: Node) throws(Failure) -> RawRule? {
        var rule = RawRule()
        rule.location = Self.location(of: node)
        let good = try decodeStruct(node, type: ruleType, fields: Self.ruleFields) { (key, value) throws(Failure) in
            switch key {
            case "record":
                rule.recordPosition = Self.location(of: value)
                self.decodeNodeOrString(value) { rule.record = $0 }
            case "alert":
                rule.alertPosition = Self.location(of: value)
                self.decodeNodeOrString(value) { rule.alert = $0 }
            case "expr":
                rule.exprPosition = Self.location(of: value)
                self.decodeNodeOrString(value) { rule.expr = $0 }
            case "for": try self.decodeDuration(value) { rule.holdDuration = $0 }
            case "keep_firing_for": try self.decodeDuration(value) { rule.keepFiringFor = $0 }
            case "labels": rule.labels = try self.decodeStringMap(value)
            default: rule.annotations = try self.decodeStringMap(value)
            }
        }
        return good ? rule : nil
    }

    // MARK: - Structs, sequences, maps

    /// Decodes a mapping into a struct with `fields`: unknown keys are errors when `knownFields`, merges (`<<`)
    /// fill only the fields not set explicitly. Returns whether the node was a mapping (yaml.v3's `good`).
    private func decodeStruct(
        _ node: Node, type: String, fields: Set<String>, _ field: (String, Node) throws(Failure) -> Void
    ) throws(Failure) -> Bool {
        switch node {
        case .mapping(let mapping):
            try decodeFields(of: mapping, type: type, fields: fields, field)
            return true
        case .scalar(let scalar) where GoYAMLScalar(scalar) == .null:
            return false
        case .scalar, .sequence:
            typeError(node, into: type)
            return false
        case .alias:
            return false
        }
    }

    private func decodeFields(
        of mapping: Node.Mapping, type: String, fields: Set<String>, _ field: (String, Node) throws(Failure) -> Void
    ) throws(Failure) {
        let merged = mergedKeys
        mergedKeys = nil
        var mergeNode: Node?
        for (key, value) in mapping {
            if Self.isMergeKey(key) {
                mergeNode = value
                continue
            }
            guard let name = keyString(key) else { continue }
            if let merged {
                if merged.keys.contains(name) { continue }
                merged.keys.insert(name)
            }
            if fields.contains(name) {
                try field(name, value)
            } else if knownFields {
                typeErrors.append("line \(Self.line(of: key)): field \(name) not found in type \(type)")
            }
        }
        mergedKeys = merged
        if let mergeNode {
            try merge(mergeNode, into: mapping) { (source) throws(Failure) in
                try self.decodeFields(of: source, type: type, fields: fields, field)
            }
        }
    }

    /// yaml.v3's `merge`: the keys of `parent` win; then each merged mapping in order fills what is still unset.
    private func merge(
        _ source: Node, into parent: Node.Mapping, _ decode: (Node.Mapping) throws(Failure) -> Void
    ) throws(Failure) {
        let outer = mergedKeys
        if outer == nil {
            mergedKeys = MergedKeys(Set(parent.keys.compactMap { Self.scalarText($0) }))
        }
        switch source {
        case .mapping(let mapping):
            try decode(mapping)
        case .sequence(let sequence):
            for element in sequence {
                guard case .mapping(let mapping) = element else { throw Self.mergeFailure }
                try decode(mapping)
            }
        case .scalar, .alias:
            throw Self.mergeFailure
        }
        mergedKeys = outer
    }

    private static let mergeFailure = Failure(message: "yaml: map merge requires map or sequence of maps as the value")

    /// Decodes a sequence into a slice; elements that do not decode (null, wrong kind) are left out, as in Go.
    private func decodeSequence<Element>(
        _ node: Node, type: String, _ element: (Node) throws(Failure) -> Element?
    ) throws(Failure) -> [Element] {
        switch node {
        case .sequence(let sequence):
            var elements: [Element] = []
            for item in sequence {
                if let decoded = try element(item) { elements.append(decoded) }
            }
            return elements
        case .scalar(let scalar) where GoYAMLScalar(scalar) == .null:
            return []
        case .scalar, .mapping:
            typeError(node, into: type)
            return []
        case .alias:
            return []
        }
    }

    /// Decodes a `map[string]string` (labels, annotations), keeping the order keys were set in.
    private func decodeStringMap(_ node: Node) throws(Failure) -> [(name: String, value: String)] {
        var entries: [(name: String, value: String)] = []
        try decodeStringMap(node, into: &entries)
        return entries
    }

    private func decodeStringMap(
        _ node: Node, into entries: inout [(name: String, value: String)]
    ) throws(Failure) {
        switch node {
        case .mapping(let mapping):
            let isNew = entries.isEmpty
            let merged = mergedKeys
            mergedKeys = nil
            var mergeNode: Node?
            for (key, value) in mapping {
                if Self.isMergeKey(key) {
                    mergeNode = value
                    continue
                }
                guard let name = keyString(key) else { continue }
                if let merged {
                    if merged.keys.contains(name) { continue }
                    merged.keys.insert(name)
                }
                let existing = entries.firstIndex { $0.name == name }
                if case .scalar(let scalar) = value, GoYAMLScalar(scalar) == .null {
                    // A null value sets "" in a new map, or a key not set yet.
                    if isNew || existing == nil { Self.set(name, "", in: &entries, at: existing) }
                } else if let text = stringValue(value, into: "string") {
                    Self.set(name, text, in: &entries, at: existing)
                }
            }
            mergedKeys = merged
            if let mergeNode {
                try merge(mergeNode, into: mapping) { (source) throws(Failure) in
                    try self.decodeStringMap(.mapping(source), into: &entries)
                }
            }
        case .scalar(let scalar) where GoYAMLScalar(scalar) == .null:
            break
        case .scalar, .sequence:
            typeError(node, into: "map[string]string")
        case .alias:
            break
        }
    }

    private static func set(
        _ name: String, _ value: String, in entries: inout [(name: String, value: String)], at index: Int?
    ) {
        if let index {
            entries[index].value = value
        } else {
            entries.append((name, value))
        }
    }

    // MARK: - Scalars

    /// A key as Go decodes it into a string: a scalar's text; nil (skipped) for null, and an error for collections.
    private func keyString(_ key: Node) -> String? {
        stringValue(key, into: "string")
    }

    /// Any non-null scalar's text; nil for null (no change) and for collections (a type error into `type`).
    private func stringValue(_ node: Node, into type: String) -> String? {
        switch node {
        case .scalar(let scalar):
            return GoYAMLScalar(scalar) == .null ? nil : scalar.string
        case .mapping, .sequence:
            typeError(node, into: type)
            return nil
        case .alias:
            return nil
        }
    }

    private func decodeString(_ node: Node, _ set: (String) -> Void) {
        if let text = stringValue(node, into: "string") { set(text) }
    }

    /// `record`, `alert` and `expr`: strings in the values pass, any YAML node in the positions pass.
    private func decodeNodeOrString(_ node: Node, _ set: (String) -> Void) {
        guard pass == .values else { return }
        decodeString(node, set)
    }

    /// A Go `int` (`limit`): integers, and floats truncated as yaml.v3 does.
    private func decodeInt(_ node: Node, _ set: (Int) -> Void) {
        guard case .scalar(let scalar) = node else {
            if case .alias = node { return }
            typeError(node, into: "int")
            return
        }
        switch GoYAMLScalar(scalar) {
        case .null:
            return
        case .int(let value):
            set(Int(value))
        case .float(let value) where !value.isNaN && value <= 9_223_372_036_854_775_808.0:
            // Go converts out-of-range floats to the minimum int on amd64.
            set(value >= 9_223_372_036_854_775_808.0 || value < -9_223_372_036_854_775_808.0 ? Int.min : Int(value))
        default:
            typeError(node, into: "int")
        }
    }

    /// A `model.Duration`: null leaves it unset; otherwise its text must be a Prometheus duration, and a bad one
    /// stops the pass.
    private func decodeDuration(_ node: Node, _ set: (Int64) -> Void) throws(Failure) {
        if case .scalar(let scalar) = node, GoYAMLScalar(scalar) == .null { return }
        guard let text = stringValue(node, into: "string") else { return }
        do {
            set(try PrometheusDuration.parse(text))
        } catch {
            throw Failure(message: error.description)
        }
    }

    // MARK: - Errors and positions

    /// yaml.v3's `terror`: ``line N: cannot unmarshal !!str `abc` into int``.
    private func typeError(_ node: Node, into type: String) {
        var described: String
        switch node {
        case .scalar(let scalar):
            let bytes = Array(scalar.string.utf8)
            let value =
                bytes.count > 10 ? String(decoding: bytes[..<7], as: UTF8.self) + "..." : scalar.string
            described = GoYAMLScalar(scalar).shortTag + " `" + value + "`"
        case .mapping: described = "!!map"
        case .sequence: described = "!!seq"
        case .alias: described = "!!str"
        }
        typeErrors.append("line \(Self.line(of: node)): cannot unmarshal \(described) into \(type)")
    }

    private static func isMergeKey(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        return GoYAMLScalar(scalar) == .merge
    }

    private static func scalarText(_ node: Node) -> String? {
        guard case .scalar(let scalar) = node else { return nil }
        return scalar.string
    }

    private static func line(of node: Node) -> Int {
        node.mark?.line ?? 0
    }

    static func location(of node: Node) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(line: 0, column: 0) }
        return SourceLocation(line: mark.line, column: mark.column)
    }
}
