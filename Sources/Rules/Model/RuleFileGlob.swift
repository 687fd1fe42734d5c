#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Expands rule-file globs (`rules/*.yml`) like Go's `filepath.Glob`: a pattern without magic characters is
/// returned as is (so a missing file is reported when it is read), one with them gives its sorted matches.
public enum RuleFileGlob {
    /// The paths `pattern` names: itself without glob characters, else its sorted matches.
    public static func expand(_ pattern: String) -> [String] {
        guard pattern.contains(where: { "*?[".contains($0) }) else { return [pattern] }
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            if let path = result.gl_pathv[index] { paths.append(String(cString: path)) }
        }
        return paths.sorted()
    }
}
