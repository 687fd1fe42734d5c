import OTLP
import TimeSeries

extension Translation {
    /// The single sample of each series, by labels; a label set that occurs twice keeps its last sample.
    var samplesByLabels: [Labels: Sample] {
        var result: [Labels: Sample] = [:]
        for series in series {
            for sample in series.samples { result[series.labels] = sample }
        }
        return result
    }

    /// The values by the Prometheus text form of the labels, for compact expectations.
    var valuesByName: [String: Double] {
        var result: [String: Double] = [:]
        for series in series {
            for sample in series.samples { result[series.labels.description] = sample.value }
        }
        return result
    }
}
