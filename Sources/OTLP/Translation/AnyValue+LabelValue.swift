extension AnyValue {
    /// The value as a label value (reference/otlp.md §6.5, the Collector's `AsString`): strings as they are, bools as
    /// `true`/`false`, ints in decimal, doubles in shortest round-trip form, bytes in standard base64, arrays and
    /// maps as compact JSON, and an empty value as "" (an absent label).
    var labelValue: String {
        switch self {
        case .empty: ""
        case .string(let string): string
        case .bool(let bool): bool ? "true" : "false"
        case .int(let int): String(int)
        case .double(let double): FloatFormat.attribute(double)
        case .bytes(let bytes): Base64.encode(bytes)
        case .array, .keyValueList:
            {
                var json = ""
                appendJSON(to: &json)
                return json
            }()
        }
    }

    /// Appends the value as compact JSON; map keys are sorted (the last of a repeated key wins), as Go's
    /// `json.Marshal` of a map does.
    func appendJSON(to json: inout String) {
        switch self {
        case .empty:
            json += "null"
        case .string(let string):
            JSONText.appendQuoted(string, to: &json)
        case .bool(let bool):
            json += bool ? "true" : "false"
        case .int(let int):
            json += String(int)
        case .double(let double):
            if double.isFinite {
                json += FloatFormat.attribute(double)
            } else {
                JSONText.appendQuoted(FloatFormat.attribute(double), to: &json)
            }
        case .bytes(let bytes):
            JSONText.appendQuoted(Base64.encode(bytes), to: &json)
        case .array(let values):
            json += "["
            for (index, value) in values.enumerated() {
                if index > 0 { json += "," }
                value.appendJSON(to: &json)
            }
            json += "]"
        case .keyValueList(let pairs):
            var latest: [String: AnyValue] = [:]
            for pair in pairs { latest[pair.key] = pair.value }
            json += "{"
            for (index, key) in latest.keys.sorted().enumerated() {
                if index > 0 { json += "," }
                JSONText.appendQuoted(key, to: &json)
                json += ":"
                latest[key, default: .empty].appendJSON(to: &json)
            }
            json += "}"
        }
    }
}
