/// An attribute value: OTLP `common.v1.AnyValue`, a oneof of scalar, array, map and bytes values.
public enum AnyValue: Sendable, Hashable {
    /// No member of the oneof was set.
    case empty
    /// `string_value` (field 1).
    case string(String)
    /// `bool_value` (field 2).
    case bool(Bool)
    /// `int_value` (field 3), a plain int64 varint.
    case int(Int64)
    /// `double_value` (field 4).
    case double(Double)
    /// `array_value` (field 5): an `ArrayValue`'s values.
    case array([AnyValue])
    /// `kvlist_value` (field 6): a `KeyValueList`'s values.
    case keyValueList([KeyValue])
    /// `bytes_value` (field 7).
    case bytes([UInt8])
}
