import PromQL
import TimeSeries

extension JSONWriter {
    /// Appends a query result as Prometheus's `data` object: `{"resultType":"vector","result":[…]}`.
    ///
    /// Vector and matrix points are `[<seconds>,"<value>"]` with the timestamp as `jsonutil.MarshalTimestamp` writes
    /// it and the value as `jsonutil.MarshalFloat` does. Scalars and strings go through Go's `encoding/json` in
    /// Prometheus (their own `MarshalJSON`), so their time is a plain float (`1435781451.78`) and a scalar's value
    /// is always in plain notation.
    mutating func queryData(_ value: QueryValue) {
        raw("{\"resultType\":")
        string(value.resultType)
        raw(",\"result\":")
        switch value {
        case .scalar(let timestamp, let number):
            raw("[")
            raw(GoFloat.jsonNumber(Double(timestamp) / 1000))
            raw(",")
            string(GoFloat.fixed(number))
            raw("]")
        case .string(let timestamp, let text):
            raw("[")
            raw(GoFloat.jsonNumber(Double(timestamp) / 1000))
            raw(",")
            string(text)
            raw("]")
        case .vector(_, let samples):
            raw("[")
            for (index, sample) in samples.enumerated() {
                if index > 0 { raw(",") }
                raw("{\"metric\":")
                labels(sample.labels)
                raw(",\"value\":")
                point(timestamp: sample.timestamp, value: sample.value)
                raw("}")
            }
            raw("]")
        case .matrix(let series):
            raw("[")
            for (index, one) in series.enumerated() {
                if index > 0 { raw(",") }
                raw("{\"metric\":")
                labels(one.labels)
                if !one.samples.isEmpty {
                    raw(",\"values\":[")
                    for (pointIndex, sample) in one.samples.enumerated() {
                        if pointIndex > 0 { raw(",") }
                        point(timestamp: sample.timestamp, value: sample.value)
                    }
                    raw("]")
                }
                raw("}")
            }
            raw("]")
        }
        raw("}")
    }

    /// Appends `[<seconds>,"<value>"]`.
    mutating func point(timestamp: Int64, value: Double) {
        raw("[")
        raw(GoFloat.timestamp(milliseconds: timestamp))
        raw(",\"")
        raw(GoFloat.sampleValue(value))
        raw("\"]")
    }
}
