import Foundation
import Yams

/// Loads and validates Prometheus rule files exactly as Prometheus's `rulefmt.ParseFile` does.
///
/// Only the first YAML document is used; anchors, aliases and merge keys work; unknown fields are errors unless
/// `ignoreUnknownFields`. Decoding errors stop the load (reported as rulefmt reports them: once per decode, so
/// usually twice); validation errors are all reported. Every message is worded as Prometheus words it.
public enum RuleFileLoader {
    /// Reads and validates the rule file at `path`.
    ///
    /// - Parameters:
    ///   - ignoreUnknownFields: accept keys rulefmt does not know (promtool's `--ignore-unknown-fields`).
    ///   - nameValidation: the label and metric name rules (promtool and Prometheus 3 use `.utf8`).
    ///   - enableExperimentalFunctions: accept experimental PromQL functions and aggregations (Prometheus's
    ///     `--enable-feature=promql-experimental-functions`); off by default, as in Prometheus.
    ///   - validateTemplate: parses an alert label or annotation template `text` for the alert `name`; returns the
    ///     parse error text (e.g. `template: __alert_X:1: undefined variable "$label"`) or nil.
    public static func load(
        path: String, ignoreUnknownFields: Bool = false, nameValidation: NameValidationScheme = .utf8,
        enableExperimentalFunctions: Bool = false, validateTemplate: (_ text: String, _ name: String) -> String?
    ) throws(RuleFileErrors) -> RuleFile {
        let bytes: [UInt8]
        do {
            bytes = try readFile(path)
        } catch {
            throw RuleFileErrors(path: path, messages: [error.message])
        }
        return try parse(
            bytes: bytes, path: path, ignoreUnknownFields: ignoreUnknownFields, nameValidation: nameValidation,
            enableExperimentalFunctions: enableExperimentalFunctions, validateTemplate: validateTemplate)
    }

    /// Validates rule file text; `path` is where it came from (it prefixes the messages; empty for none). The
    /// options are those of `load(path:...)`.
    public static func parse(
        _ yaml: String, path: String, ignoreUnknownFields: Bool = false, nameValidation: NameValidationScheme = .utf8,
        enableExperimentalFunctions: Bool = false, validateTemplate: (_ text: String, _ name: String) -> String?
    ) throws(RuleFileErrors) -> RuleFile {
        try parse(
            bytes: Array(yaml.utf8), path: path, ignoreUnknownFields: ignoreUnknownFields,
            nameValidation: nameValidation, enableExperimentalFunctions: enableExperimentalFunctions,
            validateTemplate: validateTemplate)
    }

    /// Validates rule file bytes (which need not be valid UTF-8: that is reported as yaml.v3 reports it).
    static func parse(
        bytes: [UInt8], path: String, ignoreUnknownFields: Bool = false, nameValidation: NameValidationScheme = .utf8,
        enableExperimentalFunctions: Bool = false, validateTemplate: (_ text: String, _ name: String) -> String?
    ) throws(RuleFileErrors) -> RuleFile {
        let rawGroups: [RawRuleGroup]
        switch decode(bytes, ignoreUnknownFields: ignoreUnknownFields) {
        case .success(let groups): rawGroups = groups
        case .failure(let failure): throw RuleFileErrors(path: path, messages: failure.messages)
        }
        let validator = RuleFileValidator(
            nameValidation: nameValidation, enableExperimentalFunctions: enableExperimentalFunctions)
        let (groups, errors) = validator.validate(rawGroups, validateTemplate: validateTemplate)
        guard errors.isEmpty else { throw RuleFileErrors(path: path, messages: errors) }
        return RuleFile(path: path, groups: groups)
    }

    private struct DecodeFailure: Error {
        var messages: [String]
    }

    /// Composes the first document and runs rulefmt's two decodes; each failing decode contributes one message.
    private static func decode(
        _ bytes: [UInt8], ignoreUnknownFields: Bool
    ) -> Result<[RawRuleGroup], DecodeFailure> {
        if let problem = UTF8Problem.first(in: bytes) {
            return .failure(DecodeFailure(messages: ["yaml: " + problem, "yaml: " + problem]))
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let root: Node?
        do {
            root = try Parser(yaml: text).nextRoot()
        } catch let error as YamlError {
            switch YAMLSyntaxError(error, text: text) {
            case .failure(let message):
                return .failure(DecodeFailure(messages: [message, message]))
            case .typeError(let line):
                let message = GoYAMLDecoder.unmarshalErrors([line])
                return .failure(DecodeFailure(messages: [message, message]))
            }
        } catch {
            return .failure(DecodeFailure(messages: ["yaml: \(error)", "yaml: \(error)"]))
        }
        let values = GoYAMLDecoder.run(.values, root: root, knownFields: !ignoreUnknownFields)
        let positions = GoYAMLDecoder.run(.positions, root: root, knownFields: false)
        let messages = [values.error, positions.error].compactMap { $0 }
        return messages.isEmpty ? .success(values.groups) : .failure(DecodeFailure(messages: messages))
    }

    private struct ReadError: Error {
        var message: String
    }

    /// `os.ReadFile`, with Go's error texts (`open x: no such file or directory`, `read x: is a directory`).
    private static func readFile(_ path: String) throws(ReadError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReadError(message: "open \(path): no such file or directory")
        }
        if isDirectory.boolValue { throw ReadError(message: "read \(path): is a directory") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ReadError(message: "open \(path): permission denied")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(message: "read \(path): input/output error")
        }
        return [UInt8](data)
    }
}
