/// Decoders for the messages of `common/v1/common.proto` and `resource/v1/resource.proto`.
///
/// Each decoder reads fields until `end` and merges them into its `inout` value, which is protobuf's rule for a
/// message field that appears more than once; unknown fields are skipped by wire type.
extension ProtobufReader {
    /// Decodes the length-delimited `KeyValue` that follows and appends it to `list`.
    mutating func appendKeyValue(field: UInt32, end: Int, depth: Int, to list: inout [KeyValue])
        throws(OTLPDecodeError)
    {
        try checkAttributeCount(list.count)
        // Most lists are short: one allocation instead of growing 1, 2, 4.
        if list.isEmpty { list.reserveCapacity(4) }
        let messageEnd = try readLength(field: field, end: end)
        var keyValue = KeyValue()
        try decodeKeyValue(into: &keyValue, end: messageEnd, depth: depth)
        list.append(keyValue)
    }

    /// `KeyValue`: 1 key, 2 value, 3 key_strindex (profiles only, skipped).
    mutating func decodeKeyValue(into keyValue: inout KeyValue, end: Int, depth: Int) throws(OTLPDecodeError) {
        do throws(OTLPDecodeError) {
            try checkDepth(depth)
            while position < end {
                let (field, wireType) = try readTag(end: end)
                switch (field, wireType) {
                case (1, .len):
                    keyValue.key = try readString(field: field, end: end)
                case (2, .len):
                    let valueEnd = try readLength(field: field, end: end)
                    try decodeAnyValue(into: &keyValue.value, end: valueEnd, depth: depth + 1)
                default:
                    try skipField(field, wireType: wireType, end: end)
                }
            }
        } catch {
            throw error.within("KeyValue")
        }
    }

    /// `AnyValue`: the oneof of string (1), bool (2), int (3), double (4), array (5), kvlist (6) and bytes (7); the
    /// last member seen wins, and a repeated array or kvlist member merges.
    mutating func decodeAnyValue(into value: inout AnyValue, end: Int, depth: Int) throws(OTLPDecodeError) {
        do throws(OTLPDecodeError) {
            try checkDepth(depth)
            while position < end {
                let (field, wireType) = try readTag(end: end)
                switch (field, wireType) {
                case (1, .len):
                    value = .string(try readString(field: field, end: end))
                case (2, .varint):
                    value = .bool(try readVarint(end: end) != 0)
                case (3, .varint):
                    value = .int(Int64(bitPattern: try readVarint(end: end)))
                case (4, .i64):
                    value = .double(try readDouble(field: field, end: end))
                case (5, .len):
                    var values: [AnyValue] = []
                    if case .array(let existing) = value { values = existing }
                    let arrayEnd = try readLength(field: field, end: end)
                    try decodeArrayValue(into: &values, end: arrayEnd, depth: depth + 1)
                    value = .array(values)
                case (6, .len):
                    var values: [KeyValue] = []
                    if case .keyValueList(let existing) = value { values = existing }
                    let listEnd = try readLength(field: field, end: end)
                    try decodeKeyValueList(into: &values, end: listEnd, depth: depth + 1)
                    value = .keyValueList(values)
                case (7, .len):
                    value = .bytes(try readBytes(field: field, end: end))
                default:
                    try skipField(field, wireType: wireType, end: end)
                }
            }
        } catch {
            throw error.within("AnyValue")
        }
    }

    /// `ArrayValue`: 1 values (repeated AnyValue).
    mutating func decodeArrayValue(into values: inout [AnyValue], end: Int, depth: Int) throws(OTLPDecodeError) {
        do throws(OTLPDecodeError) {
            try checkDepth(depth)
            while position < end {
                let (field, wireType) = try readTag(end: end)
                if field == 1, wireType == .len {
                    try checkAttributeCount(values.count)
                    let valueEnd = try readLength(field: field, end: end)
                    var element = AnyValue.empty
                    try decodeAnyValue(into: &element, end: valueEnd, depth: depth + 1)
                    values.append(element)
                } else {
                    try skipField(field, wireType: wireType, end: end)
                }
            }
        } catch {
            throw error.within("ArrayValue")
        }
    }

    /// `KeyValueList`: 1 values (repeated KeyValue).
    mutating func decodeKeyValueList(into values: inout [KeyValue], end: Int, depth: Int) throws(OTLPDecodeError) {
        do throws(OTLPDecodeError) {
            try checkDepth(depth)
            while position < end {
                let (field, wireType) = try readTag(end: end)
                if field == 1, wireType == .len {
                    try appendKeyValue(field: field, end: end, depth: depth + 1, to: &values)
                } else {
                    try skipField(field, wireType: wireType, end: end)
                }
            }
        } catch {
            throw error.within("KeyValueList")
        }
    }

    /// `Resource`: 1 attributes, 2 dropped_attributes_count, 3 entity_refs (skipped).
    mutating func decodeResource(into resource: inout Resource, end: Int, depth: Int) throws(OTLPDecodeError) {
        do throws(OTLPDecodeError) {
            try checkDepth(depth)
            while position < end {
                let (field, wireType) = try readTag(end: end)
                switch (field, wireType) {
                case (1, .len):
                    try appendKeyValue(field: field, end: end, depth: depth + 1, to: &resource.attributes)
                case (2, .varint):
                    resource.droppedAttributesCount = try readVarint32(end: end)
                default:
                    try skipField(field, wireType: wireType, end: end)
                }
            }
        } catch {
            throw error.within("Resource")
        }
    }

    /// `InstrumentationScope` (and the pre-1.0 `InstrumentationLibrary`, fields 1 and 2 only): 1 name, 2 version,
    /// 3 attributes, 4 dropped_attributes_count.
    mutating func decodeScope(into scope: inout InstrumentationScope, end: Int, depth: Int) throws(OTLPDecodeError) {
        do throws(OTLPDecodeError) {
            try checkDepth(depth)
            while position < end {
                let (field, wireType) = try readTag(end: end)
                switch (field, wireType) {
                case (1, .len):
                    scope.name = try readString(field: field, end: end)
                case (2, .len):
                    scope.version = try readString(field: field, end: end)
                case (3, .len):
                    try appendKeyValue(field: field, end: end, depth: depth + 1, to: &scope.attributes)
                case (4, .varint):
                    scope.droppedAttributesCount = try readVarint32(end: end)
                default:
                    try skipField(field, wireType: wireType, end: end)
                }
            }
        } catch {
            throw error.within("InstrumentationScope")
        }
    }
}
