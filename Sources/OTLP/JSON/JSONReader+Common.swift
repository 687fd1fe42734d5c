/// Decoders for the OTLP/JSON forms of `common/v1/common.proto` and `resource/v1/resource.proto`.
///
/// Every key is accepted in lowerCamelCase and in the proto's snake_case; unknown keys are skipped and `null` leaves
/// a field unset. When a key repeats, the last value wins.
extension JSONReader {
    /// Reads an array of `KeyValue` objects.
    mutating func readKeyValues(depth: Int) throws(OTLPDecodeError) -> [KeyValue] {
        var list: [KeyValue] = []
        try beginArray(depth: depth)
        var first = true
        while try nextElement(first: &first) {
            try budget.checkAttributeCount(list.count, at: position)
            list.append(try readKeyValue(depth: depth + 1))
        }
        return list
    }

    /// `KeyValue`: `key`, `value`.
    mutating func readKeyValue(depth: Int) throws(OTLPDecodeError) -> KeyValue {
        var keyValue = KeyValue()
        do throws(OTLPDecodeError) {
            try beginObject(depth: depth)
            var first = true
            while let key = try nextKey(first: &first) {
                if try consumeNull() { continue }
                switch key {
                case "key": keyValue.key = try readString()
                case "value": keyValue.value = try readAnyValue(depth: depth + 1)
                default: try skipValue(depth: depth + 1)
                }
            }
        } catch {
            throw error.within("KeyValue")
        }
        return keyValue
    }

    /// `AnyValue`: one of `stringValue`, `boolValue`, `intValue`, `doubleValue`, `arrayValue`, `kvlistValue`,
    /// `bytesValue` (snake_case spellings too); the last member present wins.
    mutating func readAnyValue(depth: Int) throws(OTLPDecodeError) -> AnyValue {
        var value = AnyValue.empty
        do throws(OTLPDecodeError) {
            try beginObject(depth: depth)
            var first = true
            while let key = try nextKey(first: &first) {
                if try consumeNull() { continue }
                switch key {
                case "stringValue", "string_value":
                    value = .string(try readString())
                case "boolValue", "bool_value":
                    value = .bool(try readBool())
                case "intValue", "int_value":
                    value = .int(try readInt64())
                case "doubleValue", "double_value":
                    value = .double(try readDouble())
                case "arrayValue", "array_value":
                    value = .array(try readArrayValue(depth: depth + 1))
                case "kvlistValue", "kvlist_value":
                    value = .keyValueList(try readKeyValueList(depth: depth + 1))
                case "bytesValue", "bytes_value":
                    value = .bytes(try readBase64())
                default:
                    try skipValue(depth: depth + 1)
                }
            }
        } catch {
            throw error.within("AnyValue")
        }
        return value
    }

    /// `ArrayValue`: `values`, an array of AnyValue.
    private mutating func readArrayValue(depth: Int) throws(OTLPDecodeError) -> [AnyValue] {
        var values: [AnyValue] = []
        do throws(OTLPDecodeError) {
            try beginObject(depth: depth)
            var first = true
            while let key = try nextKey(first: &first) {
                if try consumeNull() { continue }
                switch key {
                case "values":
                    values = []
                    try beginArray(depth: depth + 1)
                    var firstElement = true
                    while try nextElement(first: &firstElement) {
                        try budget.checkAttributeCount(values.count, at: position)
                        values.append(try readAnyValue(depth: depth + 2))
                    }
                default:
                    try skipValue(depth: depth + 1)
                }
            }
        } catch {
            throw error.within("ArrayValue")
        }
        return values
    }

    /// `KeyValueList`: `values`, an array of KeyValue.
    private mutating func readKeyValueList(depth: Int) throws(OTLPDecodeError) -> [KeyValue] {
        var values: [KeyValue] = []
        do throws(OTLPDecodeError) {
            try beginObject(depth: depth)
            var first = true
            while let key = try nextKey(first: &first) {
                if try consumeNull() { continue }
                switch key {
                case "values": values = try readKeyValues(depth: depth + 1)
                default: try skipValue(depth: depth + 1)
                }
            }
        } catch {
            throw error.within("KeyValueList")
        }
        return values
    }

    /// `Resource`: `attributes`, `droppedAttributesCount`; `entityRefs` is skipped.
    mutating func readResource(depth: Int) throws(OTLPDecodeError) -> Resource {
        var resource = Resource()
        do throws(OTLPDecodeError) {
            try beginObject(depth: depth)
            var first = true
            while let key = try nextKey(first: &first) {
                if try consumeNull() { continue }
                switch key {
                case "attributes": resource.attributes = try readKeyValues(depth: depth + 1)
                case "droppedAttributesCount", "dropped_attributes_count":
                    resource.droppedAttributesCount = try readUInt32()
                default: try skipValue(depth: depth + 1)
                }
            }
        } catch {
            throw error.within("Resource")
        }
        return resource
    }

    /// `InstrumentationScope` (and the pre-1.0 `InstrumentationLibrary`): `name`, `version`, `attributes`,
    /// `droppedAttributesCount`.
    mutating func readScope(depth: Int) throws(OTLPDecodeError) -> InstrumentationScope {
        var scope = InstrumentationScope()
        do throws(OTLPDecodeError) {
            try beginObject(depth: depth)
            var first = true
            while let key = try nextKey(first: &first) {
                if try consumeNull() { continue }
                switch key {
                case "name": scope.name = try readString()
                case "version": scope.version = try readString()
                case "attributes": scope.attributes = try readKeyValues(depth: depth + 1)
                case "droppedAttributesCount", "dropped_attributes_count":
                    scope.droppedAttributesCount = try readUInt32()
                default: try skipValue(depth: depth + 1)
                }
            }
        } catch {
            throw error.within("InstrumentationScope")
        }
        return scope
    }
}
