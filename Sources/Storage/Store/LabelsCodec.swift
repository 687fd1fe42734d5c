import TimeSeries

/// The stored form of a label set in the `series` table: a count, then each name and value length-prefixed.
enum LabelsCodec {
    static func encode(_ labels: Labels) -> [UInt8] {
        var writer = ByteWriter(capacity: 64)
        writer.writeUVarint(UInt64(labels.count))
        for label in labels {
            writer.writeString(label.name)
            writer.writeString(label.value)
        }
        return writer.bytes
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) throws(StoreError) -> Labels {
        var reader = ByteReader(bytes)
        let count = try reader.readUVarint()
        guard count <= 10_000 else { throw StoreError(.corrupt, "label count \(count) too large") }
        var labels: [Label] = []
        labels.reserveCapacity(Int(count))
        for _ in 0..<count {
            let name = try reader.readString()
            let value = try reader.readString()
            labels.append(Label(name: name, value: value))
        }
        return Labels(labels)
    }
}
