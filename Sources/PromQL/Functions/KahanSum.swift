/// Kahan–Neumaier compensated summation, exactly as Prometheus's `kahansum.Inc`.
public struct KahanSum: Sendable, Hashable {
    /// The running sum without the compensation.
    public var sum: Double = 0
    /// The running compensation.
    public var compensation: Double = 0

    /// An empty sum.
    public init() {}

    /// A sum starting at `value`.
    public init(_ value: Double) {
        sum = value
    }

    /// Adds `increment`.
    @inlinable
    public mutating func add(_ increment: Double) {
        let total = sum + increment
        if total.isInfinite {
            compensation = 0
        } else if abs(sum) >= abs(increment) {
            compensation += (sum - total) + increment
        } else {
            compensation += (increment - total) + sum
        }
        sum = total
    }

    /// `sum + compensation`, or `sum` alone when it is infinite (so an Inf sum is not turned into NaN).
    @inlinable
    public var value: Double {
        sum.isInfinite ? sum : sum + compensation
    }
}
