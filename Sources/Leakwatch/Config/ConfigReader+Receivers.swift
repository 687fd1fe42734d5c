import Foundation
import Notify
import Yams

extension ConfigReader {
    /// Keys that only make sense for `type: webhook` (an Alertmanager groups, repeats and resolves by itself).
    static let webhookOnlyKeys: Set<String> = [
        "group_by", "group_wait", "group_interval", "repeat_interval", "send_resolved", "max_alerts",
    ]

    /// Headers leakwatch sets itself or that frame the request, so a receiver may not set them.
    static let reservedHeaders: Set<String> = [
        "host", "content-length", "content-type", "transfer-encoding", "connection", "idempotency-key",
        "x-leakwatch-signature", "x-leakwatch-timestamp",
    ]

    /// Parses the `receivers:` list: each item a mapping, names unique.
    func receivers(_ node: Node, at path: String) throws(ConfigError) -> [ReceiverConfig] {
        guard case .sequence(let sequence) = node else { throw error(node, path, "must be a list") }
        var receivers: [ReceiverConfig] = []
        var indexByName: [String: Int] = [:]
        for (index, item) in sequence.enumerated() {
            let itemPath = "\(path)[\(index)]"
            let (receiver, nameNode) = try self.receiver(item, at: itemPath)
            if let earlier = indexByName[receiver.name] {
                throw error(nameNode, "\(itemPath).name", "`\(receiver.name)` is already used by \(path)[\(earlier)]")
            }
            indexByName[receiver.name] = index
            receivers.append(receiver)
        }
        return receivers
    }

    /// One receiver; returns the `name` node too, for the unique-name error.
    private func receiver(_ node: Node, at path: String) throws(ConfigError) -> (ReceiverConfig, Node) {
        var nodes: [String: Node] = [:]
        try fields(of: node, at: path) { key, value throws(ConfigError) in
            guard Self.receiverKeys.contains(key) else { throw unknown(value, "\(path).\(key)") }
            nodes[key] = value
        }

        func required(_ key: String) throws(ConfigError) -> (String, Node) {
            guard let value = nodes[key] else { throw error(node, "\(path).\(key)", "is required") }
            return (try nonEmptyString(value, at: "\(path).\(key)"), value)
        }
        let (name, nameNode) = try required("name")
        let (typeText, typeNode) = try required("type")
        guard let kind = ReceiverConfig.Kind(rawValue: typeText) else {
            throw error(typeNode, "\(path).type", "must be `webhook` or `alertmanager`, not `\(typeText)`")
        }
        let (url, urlNode) = try required("url")
        try checkURL(url, node: urlNode, at: "\(path).url")
        var receiver = ReceiverConfig(name: name, kind: kind, url: url)

        if kind == .alertmanager {
            // Report the first offending key in file order.
            if case .mapping(let mapping) = node {
                for (keyNode, value) in mapping {
                    guard let key = keyNode.string, Self.webhookOnlyKeys.contains(key) else { continue }
                    throw error(
                        value, "\(path).\(key)",
                        "only for `type: webhook` (an Alertmanager groups, repeats and resolves alerts itself)")
                }
            }
        }
        try setOptions(of: &receiver, from: nodes, at: path)
        return (receiver, nameNode)
    }

    private static let receiverKeys: Set<String> = webhookOnlyKeys.union([
        "name", "type", "url", "match", "headers", "bearer_token", "basic_auth", "hmac_secret", "timeout",
        "max_retry_duration",
    ])

    private func setOptions(
        of receiver: inout ReceiverConfig, from nodes: [String: Node], at path: String
    ) throws(ConfigError) {
        if let value = nodes["match"] {
            try fields(of: value, at: "\(path).match") { label, labelValue throws(ConfigError) in
                guard Self.isLabelName(label) else {
                    throw error(labelValue, "\(path).match.\(label)", "invalid label name")
                }
                receiver.match[label] = try string(labelValue, at: "\(path).match.\(label)")
            }
        }
        if let value = nodes["group_by"] {
            guard case .sequence(let sequence) = value else { throw error(value, "\(path).group_by", "must be a list") }
            var labels: [String] = []
            for (index, item) in sequence.enumerated() {
                let label = try nonEmptyString(item, at: "\(path).group_by[\(index)]")
                guard Self.isLabelName(label) else {
                    throw error(item, "\(path).group_by[\(index)]", "invalid label name `\(label)`")
                }
                guard !labels.contains(label) else {
                    throw error(item, "\(path).group_by[\(index)]", "`\(label)` is listed twice")
                }
                labels.append(label)
            }
            receiver.groupBy = labels
        }
        if let value = nodes["group_wait"] {
            // 0s is meaningful: a new group is notified at once.
            receiver.groupWait = try duration(value, at: "\(path).group_wait", positive: false)
        }
        if let value = nodes["group_interval"] {
            receiver.groupInterval = try duration(value, at: "\(path).group_interval", positive: true)
        }
        if let value = nodes["repeat_interval"] {
            receiver.repeatInterval = try duration(value, at: "\(path).repeat_interval", positive: true)
        }
        if let value = nodes["send_resolved"] {
            let text = try string(value, at: "\(path).send_resolved")
            guard let flag = Self.boolean(text) else {
                throw error(value, "\(path).send_resolved", "must be `true` or `false`, not `\(text)`")
            }
            receiver.sendResolved = flag
        }
        if let value = nodes["max_alerts"] {
            let text = try string(value, at: "\(path).max_alerts")
            guard let count = Int(text), count >= 0 else {
                throw error(value, "\(path).max_alerts", "must be 0 (no limit) or a positive integer, not `\(text)`")
            }
            receiver.maxAlerts = count
        }
        if let value = nodes["headers"] { receiver.headers = try headers(value, at: "\(path).headers", nodes: nodes) }
        receiver.authentication = try authentication(nodes, at: path)
        if let value = nodes["hmac_secret"] {
            receiver.hmacSecret = try nonEmptyString(value, at: "\(path).hmac_secret")
        }
        if let value = nodes["timeout"] {
            receiver.timeout = try duration(value, at: "\(path).timeout", positive: true)
        }
        if let value = nodes["max_retry_duration"] {
            receiver.maxRetryDuration = try duration(value, at: "\(path).max_retry_duration", positive: true)
        }
    }

    private func checkURL(_ url: String, node: Node, at key: String) throws(ConfigError) {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
            ["http", "https"].contains(scheme),
            let host = parsed.host, !host.isEmpty
        else { throw error(node, key, "must be an http:// or https:// URL with a host, not `\(url)`") }
    }

    private func headers(_ node: Node, at path: String, nodes: [String: Node]) throws(ConfigError) -> [String: String] {
        var headers: [String: String] = [:]
        var seen: [String: String] = [:]
        try fields(of: node, at: path) { name, value throws(ConfigError) in
            let key = "\(path).\(name)"
            guard !name.isEmpty, name.utf8.allSatisfy(Self.isTokenByte) else {
                throw error(value, key, "invalid header name")
            }
            let lowered = name.lowercased()
            if let earlier = seen[lowered] { throw error(value, key, "the same header as `\(earlier)`") }
            seen[lowered] = name
            if Self.reservedHeaders.contains(lowered) { throw error(value, key, "set by leakwatch itself") }
            if lowered == "authorization", nodes["bearer_token"] != nil || nodes["basic_auth"] != nil {
                throw error(value, key, "conflicts with bearer_token/basic_auth")
            }
            let text = try string(value, at: key)
            guard !text.contains(where: { $0 == "\r" || $0 == "\n" }) else {
                throw error(value, key, "a header value must not contain line breaks")
            }
            headers[name] = text
        }
        return headers
    }

    private func authentication(
        _ nodes: [String: Node], at path: String
    ) throws(ConfigError) -> ReceiverConfig.Authentication? {
        if let bearer = nodes["bearer_token"], let basic = nodes["basic_auth"] {
            // Point at whichever of the two comes second in the file.
            let basicIsLater =
                (basic.mark?.line ?? 0, basic.mark?.column ?? 0) > (bearer.mark?.line ?? 0, bearer.mark?.column ?? 0)
            let later = basicIsLater ? ("basic_auth", basic) : ("bearer_token", bearer)
            throw error(later.1, "\(path).\(later.0)", "bearer_token and basic_auth are mutually exclusive")
        }
        if let value = nodes["bearer_token"] {
            let token = try nonEmptyString(value, at: "\(path).bearer_token")
            guard !token.contains(where: { $0 == " " || $0.isNewline }) else {
                throw error(value, "\(path).bearer_token", "a token must not contain spaces or line breaks")
            }
            return .bearer(token)
        }
        guard let value = nodes["basic_auth"] else { return nil }
        var username: String?
        var password: String?
        try fields(of: value, at: "\(path).basic_auth") { key, field throws(ConfigError) in
            switch key {
            case "username": username = try nonEmptyString(field, at: "\(path).basic_auth.username")
            case "password": password = try string(field, at: "\(path).basic_auth.password")
            default: throw unknown(field, "\(path).basic_auth.\(key)")
            }
        }
        guard let username else { throw error(value, "\(path).basic_auth.username", "is required") }
        guard !username.contains(":") else {
            throw error(value, "\(path).basic_auth.username", "must not contain `:`")
        }
        guard let password else { throw error(value, "\(path).basic_auth.password", "is required") }
        return .basic(username: username, password: password)
    }

    /// A Prometheus label name: `[a-zA-Z_][a-zA-Z0-9_]*`.
    static func isLabelName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || isASCIILetter(first) else { return false }
        return name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || isASCIILetter($0) || (0x30...0x39).contains($0) }
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// An HTTP token character (RFC 9110 `tchar`).
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || (0x30...0x39).contains(byte) || "!#$%&'*+-.^_`|~".utf8.contains(byte)
    }

    /// The YAML 1.2 core schema's booleans.
    private static func boolean(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }
}
