import Foundation
import OTLP
import Storage
import TimeSeries
import Yams

extension LeakwatchConfig {
    /// Reads a config file.
    ///
    /// - Throws: `ConfigError` naming the file, line, column and key of the first problem.
    public static func load(path: String) throws(ConfigError) -> LeakwatchConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, line: 0, column: 0, key: "", message: "cannot read the file")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    /// Parses config YAML; `file` names the source in errors.
    public static func parse(_ yaml: String, file: String = "<config>") throws(ConfigError) -> LeakwatchConfig {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ConfigReader.yamlError(error, file: file)
        } catch {
            throw ConfigError(file: file, line: 0, column: 0, key: "", message: "\(error)")
        }
        var config = LeakwatchConfig()
        guard let root else { return config }  // an empty file means all defaults
        let reader = ConfigReader(file: file)
        try reader.fields(of: root, at: "") { key, value throws(ConfigError) in
            switch key {
            case "listen": try config.setListen(reader.string(value, at: key), reader: reader, node: value)
            case "data_dir": config.dataDirectory = try reader.nonEmptyString(value, at: key)
            case "retention": config.retentionMilliseconds = try reader.duration(value, at: key, positive: true)
            case "storage":
                try reader.fields(of: value, at: key) { subkey, subvalue throws(ConfigError) in
                    guard subkey == "fsync" else { throw reader.unknown(subvalue, "\(key).\(subkey)") }
                    let text = try reader.string(subvalue, at: "storage.fsync")
                    guard let durability = StoreOptions.Durability(rawValue: text) else {
                        throw reader.error(subvalue, "storage.fsync", "must be `normal` or `always`, not `\(text)`")
                    }
                    config.durability = durability
                }
            case "otlp": try config.setOTLP(value, reader: reader)
            case "auth":
                try reader.fields(of: value, at: key) { subkey, subvalue throws(ConfigError) in
                    switch subkey {
                    case "ingest_tokens": config.ingestTokens = try reader.tokens(subvalue, at: "auth.ingest_tokens")
                    case "api_tokens": config.apiTokens = try reader.tokens(subvalue, at: "auth.api_tokens")
                    default: throw reader.unknown(subvalue, "auth.\(subkey)")
                    }
                }
            case "limits":
                try reader.fields(of: value, at: key) { subkey, subvalue throws(ConfigError) in
                    switch subkey {
                    case "max_series": config.maxSeries = try reader.positiveInt(subvalue, at: "limits.max_series")
                    case "max_series_per_metric":
                        config.maxSeriesPerMetric = try reader.positiveInt(subvalue, at: "limits.max_series_per_metric")
                    default: throw reader.unknown(subvalue, "limits.\(subkey)")
                    }
                }
            case "rule_files": config.ruleFiles = try reader.strings(value, at: key)
            case "evaluation_interval":
                config.evaluationIntervalMilliseconds = try reader.duration(value, at: key, positive: true)
            case "external_url":
                let url = try reader.nonEmptyString(value, at: key)
                guard let parsed = URL(string: url), let scheme = parsed.scheme, ["http", "https"].contains(scheme),
                    parsed.host != nil
                else { throw reader.error(value, key, "must be an http:// or https:// URL, not `\(url)`") }
                config.externalURL = url.hasSuffix("/") ? String(url.dropLast()) : url
            case "external_labels":
                try reader.fields(of: value, at: key) { name, labelValue throws(ConfigError) in
                    guard name.first.map({ $0 == "_" || $0.isLetter }) == true,
                        name.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }), name.allSatisfy(\.isASCII)
                    else { throw reader.error(labelValue, "\(key).\(name)", "invalid label name") }
                    config.externalLabels[name] = try reader.string(labelValue, at: "\(key).\(name)")
                }
            case "receivers": config.receivers = try reader.receivers(value, at: key)
            default:
                throw reader.unknown(value, key)
            }
        }
        return config
    }

    private mutating func setListen(_ text: String, reader: ConfigReader, node: Node) throws(ConfigError) {
        var hostPart: Substring
        let portPart: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            hostPart = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw reader.error(node, "listen", "expected [host]:port, got `\(text)`") }
            portPart = rest.dropFirst()
        } else if let colon = text.lastIndex(of: ":") {
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
        } else {
            throw reader.error(node, "listen", "expected host:port, got `\(text)`")
        }
        guard let port = Int(portPart), (0...65_535).contains(port) else {
            throw reader.error(node, "listen", "port must be 0–65535, got `\(portPart)`")
        }
        if hostPart.isEmpty { hostPart = "0.0.0.0" }
        host = String(hostPart)
        self.port = port
    }

    private mutating func setOTLP(_ node: Node, reader: ConfigReader) throws(ConfigError) {
        try reader.fields(of: node, at: "otlp") { key, value throws(ConfigError) in
            switch key {
            case "naming":
                let text = try reader.string(value, at: "otlp.naming")
                guard let naming = Naming(rawValue: text) else {
                    throw reader.error(value, "otlp.naming", "must be `underscores` or `prometheus`, not `\(text)`")
                }
                self.naming = naming
            case "promote_resource_attributes":
                if case .scalar(let scalar) = value, scalar.string == "all" {
                    promotedResourceAttributes = .all
                } else {
                    promotedResourceAttributes = .list(
                        try reader.strings(value, at: "otlp.promote_resource_attributes"))
                }
            case "max_body_bytes":
                let text = try reader.string(value, at: "otlp.max_body_bytes")
                guard let bytes = ByteSize.parse(text), bytes >= 1_024 else {
                    throw reader.error(
                        value, "otlp.max_body_bytes",
                        "must be a size of at least 1KiB such as 64MiB, " + "not `\(text)`")
                }
                maxBodyBytes = bytes
            default:
                throw reader.unknown(value, "otlp.\(key)")
            }
        }
    }
}

/// Walks a YAML node tree, turning every problem into a `ConfigError` at the node's position.
struct ConfigReader {
    let file: String

    func error(_ node: Node, _ key: String, _ message: String) -> ConfigError {
        ConfigError(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0, key: key, message: message)
    }

    func unknown(_ node: Node, _ key: String) -> ConfigError {
        error(node, key, "unknown key")
    }

    static func yamlError(_ error: YamlError, file: String) -> ConfigError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return ConfigError(file: file, line: mark.line, column: mark.column, key: "", message: "YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigError(
                file: file, line: context.mark.line, column: context.mark.column,
                key: duplicates.sorted().joined(separator: ", "), message: "repeated key in this mapping")
        default:
            return ConfigError(file: file, line: 0, column: 0, key: "", message: "YAML: \(error)")
        }
    }

    /// Calls `body` for each key of a mapping, in file order; a repeated key is an error.
    func fields(of node: Node, at path: String, _ body: (String, Node) throws(ConfigError) -> Void) throws(ConfigError)
    {
        guard case .mapping(let mapping) = node else {
            throw error(node, path, path.isEmpty ? "the config must be a mapping of keys" : "must be a mapping")
        }
        var seen = Set<String>()
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { throw error(keyNode, path, "keys must be strings") }
            guard seen.insert(key).inserted else {
                throw error(keyNode, path.isEmpty ? key : "\(path).\(key)", "repeated key")
            }
            try body(key, value)
        }
    }

    func string(_ node: Node, at key: String) throws(ConfigError) -> String {
        guard case .scalar(let scalar) = node else { throw error(node, key, "must be a single value") }
        return scalar.string
    }

    func nonEmptyString(_ node: Node, at key: String) throws(ConfigError) -> String {
        let text = try string(node, at: key)
        guard !text.isEmpty else { throw error(node, key, "must not be empty") }
        return text
    }

    func positiveInt(_ node: Node, at key: String) throws(ConfigError) -> Int {
        let text = try string(node, at: key)
        guard let value = Int(text), value > 0 else {
            throw error(node, key, "must be a positive integer, not `\(text)`")
        }
        return value
    }

    func duration(_ node: Node, at key: String, positive: Bool) throws(ConfigError) -> Int64 {
        let text = try string(node, at: key)
        guard let value = PrometheusDuration.milliseconds(text), !positive || value > 0 else {
            throw error(node, key, "must be a duration such as 15d or 1h30m, not `\(text)`")
        }
        return value
    }

    func strings(_ node: Node, at key: String) throws(ConfigError) -> [String] {
        guard case .sequence(let sequence) = node else { throw error(node, key, "must be a list") }
        var values: [String] = []
        for item in sequence { values.append(try nonEmptyString(item, at: key)) }
        return values
    }

    func tokens(_ node: Node, at key: String) throws(ConfigError) -> [String] {
        let values = try strings(node, at: key)
        for (index, token) in values.enumerated() where token.contains(where: { $0 == " " || $0.isNewline }) {
            throw error(node, "\(key)[\(index)]", "a token must not contain spaces or line breaks")
        }
        return values
    }
}
