/// The library that recorded the metrics: OTLP `common.v1.InstrumentationScope`.
public struct InstrumentationScope: Sendable, Hashable {
    /// The scope name (field 1).
    public var name: String
    /// The scope version (field 2).
    public var version: String
    /// The scope attributes (field 3).
    public var attributes: [KeyValue]
    /// Attributes the sender dropped (field 4).
    public var droppedAttributesCount: UInt32

    /// Creates a scope.
    public init(
        name: String = "", version: String = "", attributes: [KeyValue] = [],
        droppedAttributesCount: UInt32 = 0
    ) {
        self.name = name
        self.version = version
        self.attributes = attributes
        self.droppedAttributesCount = droppedAttributesCount
    }
}
