/// The entity that produced the telemetry: OTLP `resource.v1.Resource`.
public struct Resource: Sendable, Hashable {
    /// The resource attributes (field 1), e.g. `service.name`, `service.instance.id`, `host.name`.
    public var attributes: [KeyValue]
    /// Attributes the sender dropped (field 2).
    public var droppedAttributesCount: UInt32

    /// Creates a resource.
    public init(attributes: [KeyValue] = [], droppedAttributesCount: UInt32 = 0) {
        self.attributes = attributes
        self.droppedAttributesCount = droppedAttributesCount
    }
}
