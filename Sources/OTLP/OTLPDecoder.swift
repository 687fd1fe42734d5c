/// Decodes OTLP/HTTP metrics request bodies.
public enum OTLPDecoder {
    /// Decodes an `ExportMetricsServiceRequest` body.
    ///
    /// An empty protobuf body is a valid empty request; an empty JSON body is not valid JSON and throws.
    /// - Parameters:
    ///   - body: The request body, already decompressed.
    ///   - encoding: The encoding named by the request's Content-Type.
    ///   - limits: Bounds on nesting, data points, metrics and attributes.
    /// - Returns: The decoded request.
    /// - Throws: `OTLPDecodeError` for malformed input or an exceeded limit; answer 400 with its message.
    public static func decodeMetrics(_ body: [UInt8], encoding: OTLPEncoding, limits: OTLPDecodeLimits = .init())
        throws(OTLPDecodeError) -> MetricsRequest
    {
        try body.withUnsafeBufferPointer { buffer throws(OTLPDecodeError) in
            switch encoding {
            case .protobuf:
                var reader = ProtobufReader(bytes: buffer, limits: limits)
                return try reader.decodeRequest()
            case .json:
                var reader = JSONReader(bytes: buffer, limits: limits)
                return try reader.readRequest()
            }
        }
    }
}
