/// The version `leakwatch --version` prints.
public enum LeakwatchVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
