import CZlib

/// gzip (RFC 1952) with the system zlib: request bodies in, optional response bodies out.
public enum Gzip {
    /// Decompresses gzip data, refusing to produce more than `limit` bytes.
    ///
    /// Concatenated gzip members are decompressed one after another, as `gzip -d` does. Empty input yields an empty
    /// result. The output is allocated once from the size the gzip trailer announces (capped by `limit`), so a
    /// typical body is decompressed without regrowth.
    ///
    /// - Parameters:
    ///   - data: the gzip bytes.
    ///   - limit: the maximum decompressed size in bytes.
    /// - Returns: the decompressed bytes.
    /// - Throws: `GzipError` with `.corrupt` for invalid or truncated data, `.limitExceeded` past `limit`.
    public static func decompress(_ data: [UInt8], limit: Int) throws -> [UInt8] {
        try inflate(data, limit: limit)
    }

    /// Compresses `data` as one gzip member at zlib's default level (6).
    public static func compress(_ data: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        guard leakwatch_deflate_init2(&stream, Z_DEFAULT_COMPRESSION, 15 + 16) == Z_OK else {
            preconditionFailure("deflateInit2 failed: out of memory")
        }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(data.count))) + 64
        return [UInt8](unsafeUninitializedCapacity: bound) { output, written in
            data.withUnsafeBufferPointer { input in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = output.baseAddress
                stream.avail_out = uInt(output.count)
                let status = deflate(&stream, Z_FINISH)
                precondition(status == Z_STREAM_END, "deflate with a deflateBound buffer returned \(status)")
                written = output.count - Int(stream.avail_out)
            }
        }
    }

    // MARK: - Inflate

    /// How one pass over the output buffer ended.
    private enum Pass {
        case finished
        case outputFull
        case failed(GzipError)
    }

    private static func inflate(_ data: [UInt8], limit: Int) throws(GzipError) -> [UInt8] {
        guard !data.isEmpty else { return [] }
        var stream = z_stream()
        guard leakwatch_inflate_init2(&stream, 15 + 16) == Z_OK else {
            throw GzipError(.outOfMemory, "zlib could not allocate an inflate stream")
        }
        defer { inflateEnd(&stream) }
        let hardCap = limit >= Int.max - 1 ? limit : limit + 1
        var capacity = initialCapacity(data, cap: hardCap)
        var output: [UInt8] = []
        let tooLarge = GzipError(.limitExceeded, "decompressed body is larger than \(limit) bytes")
        return try data.withUnsafeBufferPointer { (input) throws(GzipError) -> [UInt8] in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = uInt(clamping: input.count)
            while true {
                var pass = Pass.outputFull
                let previous = output
                output = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                    previous.withUnsafeBufferPointer { old in
                        if let base = old.baseAddress { buffer.baseAddress!.initialize(from: base, count: old.count) }
                    }
                    count = previous.count
                    pass = inflatePass(&stream, into: buffer, count: &count)
                }
                switch pass {
                case .finished:
                    guard output.count <= limit else { throw tooLarge }
                    return output
                case .failed(let error):
                    throw error
                case .outputFull:
                    guard capacity < hardCap else { throw tooLarge }
                    capacity = min(hardCap, max(capacity * 2, 64 * 1024))
                }
            }
        }
    }

    /// Inflates into `buffer` after its first `count` bytes until the input ends, the buffer fills or an error.
    private static func inflatePass(
        _ stream: inout z_stream, into buffer: UnsafeMutableBufferPointer<UInt8>, count: inout Int
    ) -> Pass {
        stream.next_out = buffer.baseAddress! + count
        stream.avail_out = uInt(clamping: buffer.count - count)
        while true {
            let status = CZlib.inflate(&stream, Z_NO_FLUSH)
            count = buffer.count - Int(stream.avail_out)
            switch status {
            case Z_STREAM_END:
                if stream.avail_in == 0 { return .finished }
                // Another gzip member follows (RFC 1952 §2.2).
                guard inflateReset(&stream) == Z_OK else { return .failed(GzipError(.corrupt, "invalid gzip data")) }
            case Z_OK, Z_BUF_ERROR:
                if stream.avail_out == 0 { return .outputFull }
                // No progress with room left means zlib needs input that is not there.
                if status == Z_BUF_ERROR { return .failed(GzipError(.corrupt, "gzip data is truncated")) }
            case Z_MEM_ERROR:
                return .failed(GzipError(.outOfMemory, "zlib ran out of memory"))
            default:
                return .failed(GzipError(.corrupt, "invalid gzip data"))
            }
        }
    }

    /// The output size to allocate first: the gzip trailer's ISIZE (size modulo 2³²) when plausible, so a single
    /// gzip member is decompressed into one allocation.
    private static func initialCapacity(_ data: [UInt8], cap: Int) -> Int {
        guard data.count >= 18 else { return min(cap, 1024) }
        let announced = data.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
        let plausible = min(announced, data.count.multipliedReportingOverflow(by: 1032).partialValue)
        return max(1, min(cap, max(plausible, 256)))
    }
}
