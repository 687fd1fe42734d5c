#if canImport(Glibc)
    import Glibc
#endif

/// The process's resident memory and glibc's allocator settings.
///
/// glibc gives every thread that allocates under contention an arena of its own (up to eight per core) and keeps
/// what a thread frees in that arena. The server answers queries on many worker threads, so without limits each
/// worker ends up holding the peak of the largest query it ran. `limitArenas(_:)` caps the arenas and
/// `releaseFreeMemory()` hands free pages back to the kernel after a large query. On other C libraries both do
/// nothing and return `false`.
///
/// Swift's `Glibc` module does not export `<malloc.h>`, so the two functions are looked up by name once.
enum ProcessMemory {
    /// `M_ARENA_MAX` from `<malloc.h>`.
    static let arenaMaxParameter: Int32 = -8

    /// Caps glibc's malloc arenas at `count` (at least 1). Call once, before the threads start allocating.
    ///
    /// - Returns: whether the allocator took the setting.
    @discardableResult
    static func limitArenas(_ count: Int) -> Bool {
        #if canImport(Glibc)
            guard let mallopt = GlibcMalloc.mallopt else { return false }
            return mallopt(arenaMaxParameter, Int32(clamping: max(1, count))) == 1
        #else
            return false
        #endif
    }

    /// Returns free memory in every malloc arena to the kernel (`malloc_trim(0)`).
    ///
    /// - Returns: whether any memory was released.
    @discardableResult
    static func releaseFreeMemory() -> Bool {
        #if canImport(Glibc)
            guard let trim = GlibcMalloc.mallocTrim else { return false }
            return trim(0) == 1
        #else
            return false
        #endif
    }

    /// The resident set size in bytes (`VmRSS` of `/proc/self/status`), or nil where there is no such file.
    static func residentBytes() -> Int? {
        #if canImport(Glibc)
            guard let file = fopen("/proc/self/status", "r") else { return nil }
            defer { fclose(file) }
            var text = ""
            var buffer = [CChar](repeating: 0, count: 512)
            while fgets(&buffer, Int32(buffer.count), file) != nil {
                text += String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
            return residentBytes(status: text)
        #else
            return nil
        #endif
    }

    /// The `VmRSS:` line of a `/proc/<pid>/status` text, in bytes.
    static func residentBytes(status: String) -> Int? {
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let fields = line.dropFirst("VmRSS:".count).split { $0 == " " || $0 == "\t" }
            guard fields.count == 2, fields[1] == "kB", let kibibytes = Int(fields[0]) else { return nil }
            return kibibytes * 1024
        }
        return nil
    }
}

#if canImport(Glibc)
    /// glibc's `mallopt` and `malloc_trim`, looked up in the running process.
    private enum GlibcMalloc {
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        typealias MallocTrim = @convention(c) (Int) -> Int32

        static let mallopt: Mallopt? = symbol("mallopt", as: Mallopt.self)
        static let mallocTrim: MallocTrim? = symbol("malloc_trim", as: MallocTrim.self)

        private static func symbol<F>(_ name: String, as type: F.Type) -> F? {
            guard let process = dlopen(nil, RTLD_NOW), let address = dlsym(process, name) else { return nil }
            return unsafeBitCast(address, to: type)
        }
    }
#endif
