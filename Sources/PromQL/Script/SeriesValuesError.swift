/// Why a series description or value sequence in expanding notation could not be read.
public struct SeriesValuesError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem.
    public enum Kind: Sendable, Hashable {
        /// The text is not valid notation.
        case syntax
        /// The text holds native histogram values (`{{…}}`), which leakwatch does not support.
        case nativeHistogram
    }

    /// The kind of problem.
    public var kind: Kind
    /// What is wrong, in the wording of Prometheus's parser where it has one.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// A native histogram value was found.
    public static let nativeHistogram = SeriesValuesError(.nativeHistogram, "native histograms are not supported")

    /// The message.
    public var description: String { message }
}
