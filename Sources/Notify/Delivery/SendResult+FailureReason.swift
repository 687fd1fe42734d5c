extension SendResult {
    /// The failure's metric label (`5xx`, `429`, `4xx`, `status`, `timeout`, `connection`), nil for a 2xx.
    var failureReason: String? {
        switch self {
        case .response(let status, _):
            switch status {
            case 200...299: nil
            case 429: "429"
            case 400...499: "4xx"
            case 500...599: "5xx"
            default: "status"
            }
        case .timeout: "timeout"
        case .connectionError: "connection"
        }
    }
}
