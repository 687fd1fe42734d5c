/// One attribute: OTLP `common.v1.KeyValue`.
public struct KeyValue: Sendable, Hashable {
    /// The attribute key (field 1), e.g. `service.name`.
    public var key: String
    /// The attribute value (field 2).
    public var value: AnyValue

    /// Creates an attribute.
    public init(key: String = "", value: AnyValue = .empty) {
        self.key = key
        self.value = value
    }
}
