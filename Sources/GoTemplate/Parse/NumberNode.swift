/// A numeric constant with every Go type it can represent (Go's ideal constants).
struct NumberNode: Sendable {
    var pos: Int
    var text: String
    var isInt = false
    var isUint = false
    var isFloat = false
    var isComplex = false
    var int64: Int64 = 0
    var uint64: UInt64 = 0
    var float64: Double = 0
    var complex: (real: Double, imaginary: Double) = (0, 0)
}
