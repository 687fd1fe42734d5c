/// One label: a name and its value. `__name__` holds the metric name.
public struct Label: Hashable, Sendable, Comparable {
    /// The label name, e.g. `service_name`.
    public let name: String
    /// The label value. An empty value means the same as the label being absent.
    public let value: String

    /// Creates a label.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Orders by name, then value.
    public static func < (lhs: Label, rhs: Label) -> Bool {
        lhs.name != rhs.name ? lhs.name < rhs.name : lhs.value < rhs.value
    }
}
